package io.udpkit.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.SinkRefusal;
import io.udpkit.core.SinkStats;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link UdpkitMetrics} reports for sinks, scraped over HTTP from real {@link SinkQueue}s. */
class UdpkitMetricsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /**
     * Delivers strings at once: "big" is refused at capture as too large, "refuse" is refused by
     * the destination, "fail" fails; everything else is confirmed.
     */
    private static final class ScriptedSink implements Sink<String> {
        @Override
        public void open() {
        }

        @Override
        public String capture(Object value, ByteBuffer payload, InetSocketAddress sender,
                long arrivalMillis) {
            if ("big".equals(value)) {
                throw new SinkRefusal(DropReason.TOO_LARGE, "too large");
            }
            return (String) value;
        }

        @Override
        public long recordBytes(String record) {
            return record.length();
        }

        @Override
        public void deliver(String record, DeliveryReceipt receipt) {
            switch (record) {
                case "refuse":
                    receipt.dropped(DropReason.REFUSED);
                    break;
                case "fail":
                    receipt.failed(new IOException("destination failed"));
                    break;
                default:
                    receipt.delivered();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close(Duration deadline) {
        }
    }

    @Test
    void sinkDeliveryIsReportedPerSinkAndDropReason() throws Exception {
        SinkQueue<String> scripted = SinkQueue.start("scripted", new ScriptedSink());
        SinkQueue<String> idle = SinkQueue.start("idle", new ScriptedSink());
        InetSocketAddress sender = new InetSocketAddress(LOOPBACK, 5555);
        for (String value : List.of("a", "b", "c", "big", "refuse", "fail")) {
            scripted.offer(value, ByteBuffer.allocate(0), sender, 0L);
        }
        SinkStats scriptedFinal = scripted.close(Duration.ofSeconds(30));
        SinkStats idleFinal = idle.close(Duration.ofSeconds(30));
        assertEquals(0, scriptedFinal.unconfirmed(), "closed: " + scriptedFinal);

        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(UdpkitMetrics.builder().sinks(() -> List.of(scriptedFinal, idleFinal)).build());
        PrometheusText text = scrape(registry);
        assertEquals(6, text.value("udpkit_sink_accepted_total{sink=\"scripted\"}"));
        assertEquals(3, text.value("udpkit_sink_delivered_total{sink=\"scripted\"}"));
        assertEquals(1, text.value("udpkit_sink_dropped_total{sink=\"scripted\",reason=\"too_large\"}"));
        assertEquals(1, text.value("udpkit_sink_dropped_total{sink=\"scripted\",reason=\"refused\"}"));
        assertEquals(0, text.value("udpkit_sink_dropped_total{sink=\"scripted\",reason=\"queue_full\"}"));
        assertEquals(1, text.value("udpkit_sink_failed_total{sink=\"scripted\"}"));
        assertEquals(0, text.value("udpkit_sink_unconfirmed{sink=\"scripted\"}"));
        assertEquals("gauge", text.types.get("udpkit_sink_unconfirmed"));
        assertEquals(0, text.value("udpkit_sink_accepted_total{sink=\"idle\"}"));
        assertFalse(text.hasMetric("udpkit_transport_received_total"), "no transport source given");
    }

    @Test
    void noSinksReportNoSinkSeries() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(UdpkitMetrics.builder().sinks(List::of).build());
        PrometheusText text = scrape(registry);
        assertFalse(text.hasMetric("udpkit_sink_accepted_total"), text.samples.toString());
    }

    private static PrometheusText scrape(PrometheusRegistry registry) throws Exception {
        try (MetricsHttpServer http = MetricsHttpServer.start(new InetSocketAddress(LOOPBACK, 0),
                registry)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.localAddress().getPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return PrometheusText.parse(response.body());
        }
    }
}
