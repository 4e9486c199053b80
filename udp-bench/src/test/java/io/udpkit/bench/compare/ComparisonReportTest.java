package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    private static ThroughputRun run(String peer, long perSecond, long sent, long received) {
        return new ThroughputRun(peer, sent, 2_000_000_000L, received, perSecond, 1_000_000_000L, false);
    }

    private static RoundTripRun rtt(String server, double p99) {
        RttSummary summary = new RttSummary(100, 0, 10, p99, 2 * p99, 3 * p99);
        return new RoundTripRun(server, "c", summary, summary);
    }

    private static ComparisonReport report() {
        return new ComparisonReport(Map.of("cpu", "test"), Map.of("warmupTrips", 20_000),
                List.of(run("c-recvfrom", 1_000, 2_000, 1_000), run("udpkit", 700, 2_000, 700),
                        run("c-recvfrom", 900, 2_000, 900), run("udpkit", 950, 2_000, 950),
                        run("c-recvfrom", 1_100, 2_000, 1_100), run("udpkit", 800, 2_000, 800)),
                List.of(rtt("c", 20), rtt("udpkit", 23)), List.of("a note"));
    }

    @Test
    void throughputIsTheMedianOfRunsAndItsRatioToTheCRecvfromMedian() {
        List<ComparisonReport.PeerThroughput> peers = report().throughput();

        assertEquals("c-recvfrom", peers.get(0).peer());
        assertEquals(1_000, peers.get(0).medianDatagramsPerSecond(), 1e-9);
        assertEquals(1.0, peers.get(0).ratioToBaseline(), 1e-9);
        assertEquals("udpkit", peers.get(1).peer());
        assertEquals(800, peers.get(1).medianDatagramsPerSecond(), 1e-9);
        assertEquals(0.8, peers.get(1).ratioToBaseline(), 1e-9);
        assertEquals(60.0, peers.get(1).medianLossPercent(), 1e-9);
        assertEquals(1_000, peers.get(1).medianSentPerSecond(), 1e-9);
    }

    @Test
    void ratiosAreMissingWithoutTheBaselinePeer() {
        ComparisonReport report = new ComparisonReport(Map.of(), Map.of(), List.of(run("jdk", 500, 500, 500)),
                List.of(), List.of());

        assertTrue(Double.isNaN(report.throughput().get(0).ratioToBaseline()));
    }

    @Test
    void jsonCarriesPerPeerMediansRunsAndRoundTripRatiosToTheCEcho(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");

        report().writeJson(file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode udpkit = root.path("throughput").get(1);
        assertEquals("udpkit", udpkit.path("peer").asText());
        assertEquals(800, udpkit.path("medianDatagramsPerSecond").asLong());
        assertEquals(0.8, udpkit.path("ratioToCRecvfrom").asDouble(), 1e-9);
        assertEquals(3, udpkit.path("runs").size());
        JsonNode echo = root.path("roundTrip").get(1);
        assertEquals("udpkit", echo.path("server").asText());
        assertEquals(23.0, echo.path("steady").path("p99Micros").asDouble(), 1e-9);
        assertEquals(1.15, echo.path("steadyP99RatioToC").asDouble(), 1e-9);
        assertEquals("a note", root.path("notes").get(0).asText());
    }

    @Test
    void chartIsAPngWithOnePanelPerView(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("compare.png");

        boolean drawn = ComparisonChart.write(report(), png);

        assertTrue(drawn);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(3 * 420, image.getHeight());
        assertTrue(Files.size(png) > 1_000);
    }

    @Test
    void tableNamesEveryPeerWithItsRatio() {
        String table = report().table();

        assertTrue(table.contains("udpkit"), table);
        assertTrue(table.contains("0.80x"), table);
        assertTrue(table.contains("1.15x"), table);
    }
}
