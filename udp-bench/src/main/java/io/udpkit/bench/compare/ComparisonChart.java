package io.udpkit.bench.compare;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws a {@link ComparisonReport} as one PNG of stacked bar charts: throughput as a ratio to the
 * C {@code recvfrom} loop, then steady-state and warm-up round-trip percentiles per echo server
 * (one client, the C one when it ran), on a logarithmic axis.
 */
final class ComparisonChart {

    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 420;

    private ComparisonChart() {
    }

    /** Writes the chart to {@code file}; returns {@code false} when there is nothing to draw. */
    static boolean write(ComparisonReport report, Path file) throws IOException {
        List<BufferedImage> panels = new ArrayList<>();
        List<ComparisonReport.PeerThroughput> throughput = report.throughput();
        if (!throughput.isEmpty()) {
            panels.add(BitmapEncoder.getBufferedImage(throughputChart(throughput)));
        }
        List<RoundTripRun> runs = chartedRoundTrips(report.roundTrips());
        if (!runs.isEmpty()) {
            String client = runs.get(0).client();
            panels.add(BitmapEncoder.getBufferedImage(rttChart(
                    "Round trip, steady state (" + client + " client), microseconds", runs, RoundTripRun::steady)));
            panels.add(BitmapEncoder.getBufferedImage(rttChart(
                    "Round trip, first trips after server start (" + client + " client), microseconds",
                    runs, RoundTripRun::warmup)));
        }
        if (panels.isEmpty()) {
            return false;
        }
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(panels.get(i), 0, i * PANEL_HEIGHT, null);
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
        return true;
    }

    private static CategoryChart throughputChart(List<ComparisonReport.PeerThroughput> peers) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title("Receive throughput, 22-byte records, ratio to C recvfrom (higher is better)")
                .xAxisTitle("receiver").yAxisTitle("x C recvfrom").build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        List<String> names = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (ComparisonReport.PeerThroughput peer : peers) {
            names.add(peer.peer());
            ratios.add(Double.isFinite(peer.ratioToBaseline()) ? peer.ratioToBaseline() : 0.0);
        }
        chart.addSeries("ratio", names, ratios);
        return chart;
    }

    private static CategoryChart rttChart(String title, List<RoundTripRun> runs,
                                          java.util.function.Function<RoundTripRun, RttSummary> slice) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title(title).xAxisTitle("echo server").yAxisTitle("microseconds (log)").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        // Bars grow from the axis minimum, which a log axis needs above zero: 1 us is below any
        // loopback round trip.
        chart.getStyler().setYAxisMin(1.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        List<String> servers = runs.stream().map(RoundTripRun::server).toList();
        chart.addSeries("p50", servers, values(runs, slice, RttSummary::p50Micros));
        chart.addSeries("p99", servers, values(runs, slice, RttSummary::p99Micros));
        chart.addSeries("p99.9", servers, values(runs, slice, RttSummary::p999Micros));
        return chart;
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.9);
        chart.getStyler().setAntiAlias(true);
    }

    private static List<Double> values(List<RoundTripRun> runs,
                                       java.util.function.Function<RoundTripRun, RttSummary> slice,
                                       ToDoubleFunction<RttSummary> percentile) {
        // A log axis cannot show 0 (a slice without replies): draw such a bar at the axis minimum.
        return runs.stream().map(r -> {
            double value = percentile.applyAsDouble(slice.apply(r));
            return Double.isFinite(value) ? Math.max(1.0, value) : 1.0;
        }).toList();
    }

    /** The runs of one client: the C client when it ran, else the first client that did. */
    private static List<RoundTripRun> chartedRoundTrips(List<RoundTripRun> all) {
        if (all.isEmpty()) {
            return all;
        }
        String client = all.stream().anyMatch(r -> r.client().equals("c")) ? "c" : all.get(0).client();
        return all.stream().filter(r -> r.client().equals(client)).toList();
    }
}
