package io.udpkit.metrics.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link PrometheusRegistry} over HTTP in the Prometheus text format (version 0.0.4).
 *
 * <p>The endpoint is read-only on purpose: {@code GET /metrics} (or {@code HEAD}) scrapes the
 * registry, {@code GET /-/healthy} answers {@code OK}, every other path is 404 and every other
 * method 405. There is no shutdown, reload or configuration path. Requests are served on
 * {@value #THREADS} daemon threads, so a flood of scrapes costs those threads, never the UDP
 * receive loop's, and one client that stalls in the middle of its request does not stop the
 * scraper. (The JDK's server waits for a stalled request without limit unless the system
 * property {@code sun.net.httpserver.maxReqTime} is set; the {@code udp-server} launcher sets
 * it.) It binds exactly the address it is given: pass a loopback address unless scrapers are
 * elsewhere.
 *
 * <pre>{@code
 * try (MetricsHttpServer http = MetricsHttpServer.start(
 *         new InetSocketAddress(InetAddress.getLoopbackAddress(), 9464), registry)) {
 *     server.serve();
 * }
 * }</pre>
 */
public final class MetricsHttpServer implements AutoCloseable {

    /** The path scrapers read. */
    public static final String METRICS_PATH = "/metrics";

    /** The path that answers {@code OK} while the process serves. */
    public static final String HEALTH_PATH = "/-/healthy";

    /** Threads serving requests. */
    static final int THREADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    private MetricsHttpServer(HttpServer server, ExecutorService executor,
            PrometheusRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
    }

    /**
     * Binds {@code address} and starts serving {@code registry}.
     *
     * @param address  where to listen; port 0 picks a free port (see {@link #localAddress()})
     * @param registry what {@code /metrics} reports
     * @return the running server; close it when done
     * @throws IOException if the address cannot be bound
     */
    public static MetricsHttpServer start(InetSocketAddress address, PrometheusRegistry registry)
            throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(registry, "registry");
        HttpServer http = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "udpkit-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        MetricsHttpServer metrics = new MetricsHttpServer(http, executor, registry);
        http.createContext("/", metrics::handle);
        http.setExecutor(executor);
        http.start();
        return metrics;
    }

    /**
     * The address the server listens on, with the actual port when port 0 was asked for.
     *
     * @return the bound address
     */
    public InetSocketAddress localAddress() {
        return server.getAddress();
    }

    /** Stops listening and ends the serving thread; a scrape in progress may be cut short. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals(METRICS_PATH) && !path.equals(HEALTH_PATH)) {
                respond(exchange, 404, "text/plain; charset=utf-8", text("not found; try " + METRICS_PATH));
                return;
            }
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", text("method not allowed: GET or HEAD"));
                return;
            }
            byte[] body;
            String contentType;
            if (path.equals(HEALTH_PATH)) {
                body = text("OK");
                contentType = "text/plain; charset=utf-8";
            } else {
                body = scrape();
                if (body == null) {
                    respond(exchange, 500, "text/plain; charset=utf-8", text("scrape failed; see the server log"));
                    return;
                }
                contentType = writer.getContentType();
            }
            if (head) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(200, -1);
            } else {
                respond(exchange, 200, contentType, body);
            }
        }
    }

    /** The registry in the text format, or {@code null} (logged) if a collector failed. */
    private byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            LOG.warn("metrics scrape failed: {}", e.toString());
            LOG.debug("metrics scrape failure", e);
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] text(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
