package io.udpkit.metrics.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real endpoint on loopback, real datagrams, and a scrape over HTTP read as a Prometheus
 * scraper reads it.
 */
class MetricsHttpServerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Payloads starting with '!' are rejected; anything else decodes to its length. */
    private static final Codec<Integer> BANG_REJECTING = new Codec<>() {
        @Override
        public Integer decode(ByteBuffer payload) {
            if (payload.remaining() > 0 && payload.get(payload.position()) == '!') {
                throw new CodecException("starts with '!'");
            }
            return payload.remaining();
        }

        @Override
        public void encode(Integer value, ByteBuffer out) {
            throw new UnsupportedOperationException();
        }
    };

    /** Echoes what decoded; rejected datagrams get no reply. */
    private static final DatagramHandler<Integer> ECHO = (Integer value, InboundDatagram datagram) ->
            datagram.reply(datagram.payload());

    @Test
    void scrapeReportsTheCountersOfARunningEndpoint() throws Exception {
        TransportConfig config = TransportConfig.builder()
                .bindAddress(new InetSocketAddress(LOOPBACK, 0))
                .maxDatagramSize(64)
                .build();
        try (UdpEndpoint endpoint = UdpEndpoint.open(config)) {
            CompletableFuture<Void> loop = CompletableFuture.runAsync(() -> {
                try {
                    endpoint.serve(BANG_REJECTING, ECHO);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            PrometheusRegistry registry = new PrometheusRegistry();
            registry.register(UdpkitMetrics.builder().transport(endpoint::stats).build());
            JvmMetrics.builder().register(registry);
            try (MetricsHttpServer http = MetricsHttpServer.start(
                    new InetSocketAddress(LOOPBACK, 0), registry);
                 DatagramChannel peer = DatagramChannel.open()) {
                peer.bind(new InetSocketAddress(LOOPBACK, 0));
                for (int i = 0; i < 5; i++) {
                    peer.send(ascii("good " + i), endpoint.localAddress());
                }
                peer.send(ascii("!bad"), endpoint.localAddress());
                peer.send(ascii("!worse"), endpoint.localAddress());
                peer.send(ByteBuffer.allocate(100), endpoint.localAddress());
                awaitReceived(endpoint, 8);

                assertNotEquals(0, http.localAddress().getPort(), "port 0 resolved to the bound port");
                HttpResponse<String> response = get(http, "/metrics");
                assertEquals(200, response.statusCode());
                assertTrue(response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("text/plain; version=0.0.4"), response.headers().toString());
                PrometheusText text = PrometheusText.parse(response.body());
                assertEquals("counter", text.types.get("udpkit_transport_received_total"));
                assertEquals(8, text.value("udpkit_transport_received_total"));
                assertEquals(5, text.value("udpkit_transport_decoded_total"));
                assertEquals(2, text.value("udpkit_transport_undecodable_total"));
                assertEquals(1, text.value("udpkit_transport_truncated_total"));
                assertEquals(5, text.value("udpkit_transport_replied_total"));
                assertEquals(0, text.value("udpkit_transport_handler_errors_total"));
                assertEquals(0, text.value("udpkit_transport_rate_limited_total"));
                assertEquals(0, text.value("udpkit_transport_oversized_replies_total"));
                long socketDrops = endpoint.stats().socketDrops();
                assertEquals(socketDrops >= 0, text.hasMetric("udpkit_transport_socket_drops_total"),
                        "reported exactly when the kernel's figure is known");
                if (socketDrops >= 0) {
                    assertEquals(socketDrops, text.value("udpkit_transport_socket_drops_total"));
                }
                assertTrue(text.hasMetric("jvm_memory_used_bytes"), "JVM basics are there too");
                assertTrue(text.hasMetric("jvm_threads_current"), "JVM basics are there too");

                peer.send(ascii("one more"), endpoint.localAddress());
                awaitReceived(endpoint, 9);
                PrometheusText later = PrometheusText.parse(get(http, "/metrics").body());
                assertEquals(9, later.value("udpkit_transport_received_total"),
                        "each scrape reads the counters afresh");
            } finally {
                endpoint.stop();
                loop.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void onlyGetAndHeadOnMetricsAndHealthAreServed() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (MetricsHttpServer http = MetricsHttpServer.start(new InetSocketAddress(LOOPBACK, 0),
                registry)) {
            assertEquals("OK\n", get(http, "/-/healthy").body());
            assertEquals(404, get(http, "/").statusCode());
            assertEquals(404, get(http, "/metrics/../quit").statusCode());
            assertEquals(404, get(http, "/shutdown").statusCode());
            HttpResponse<String> post = HTTP.send(request(http, "/metrics")
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
            HttpResponse<String> head = HTTP.send(request(http, "/metrics")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
    }

    @Test
    void aClientStalledInItsRequestDoesNotBlockAScrape() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (MetricsHttpServer http = MetricsHttpServer.start(new InetSocketAddress(LOOPBACK, 0),
                registry);
             Socket stalled = new Socket(LOOPBACK, http.localAddress().getPort())) {
            stalled.getOutputStream().write("GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            assertEquals("OK\n", get(http, "/-/healthy").body());
        }
    }

    @Test
    void bindsExactlyTheAddressGiven() throws Exception {
        try (MetricsHttpServer http = MetricsHttpServer.start(new InetSocketAddress(LOOPBACK, 0),
                new PrometheusRegistry())) {
            assertTrue(http.localAddress().getAddress().isLoopbackAddress(), http.localAddress().toString());
        }
    }

    @Test
    void aSecondBindingInOneRegistryIsRefused() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(UdpkitMetrics.builder().transport(() -> null).build());
        assertThrows(IllegalArgumentException.class, () ->
                registry.register(UdpkitMetrics.builder().transport(() -> null).build()));
    }

    private static void awaitReceived(UdpEndpoint endpoint, long count) throws InterruptedException {
        for (int i = 0; i < 3000 && endpoint.stats().received() < count; i++) {
            Thread.sleep(10);
        }
        assertEquals(count, endpoint.stats().received(), "datagrams reached the endpoint");
    }

    private static HttpRequest.Builder request(MetricsHttpServer http, String path) {
        InetSocketAddress address = http.localAddress();
        return HttpRequest.newBuilder(URI.create("http://" + address.getAddress().getHostAddress()
                + ":" + address.getPort() + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> get(MetricsHttpServer http, String path) throws Exception {
        return HTTP.send(request(http, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
