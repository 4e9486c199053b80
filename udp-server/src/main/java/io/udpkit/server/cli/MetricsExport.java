package io.udpkit.server.cli;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.udpkit.core.SinkStats;
import io.udpkit.core.SocketAddresses;
import io.udpkit.core.TransportStats;
import io.udpkit.metrics.prometheus.MetricsHttpServer;
import io.udpkit.metrics.prometheus.UdpkitMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * {@code --metrics}: the server's counters and the JVM's basics on a Prometheus {@code /metrics}
 * endpoint, for as long as the server runs. Reads the counters only when scraped.
 */
final class MetricsExport implements AutoCloseable {

    private final MetricsHttpServer http;

    private MetricsExport(MetricsHttpServer http) {
        this.http = http;
    }

    /**
     * Parses {@code PORT} (bound on localhost) or {@code HOST:PORT} ({@code [::1]:PORT} for an
     * IPv6 literal). A wildcard address is bound only when written out, e.g. {@code 0.0.0.0:9464}.
     *
     * @param text the option's value
     * @return the address to bind
     * @throws IllegalArgumentException with a one-line reason if the value is malformed
     */
    static InetSocketAddress parseAddress(String text) {
        String host = "localhost";
        String portText = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException(
                        "--metrics: write an IPv6 address in brackets, [ADDR]:PORT: " + text);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("--metrics needs PORT or HOST:PORT (give 0.0.0.0:PORT "
                        + "to listen on every interface): " + text);
            }
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics needs PORT or HOST:PORT: " + text);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--metrics port out of range: " + port);
        }
        try {
            return SocketAddresses.resolve(host, port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--metrics: unknown host: " + host);
        }
    }

    /**
     * Starts serving {@code stats}, each sink's delivery counters and the JVM's metrics at
     * {@code address}.
     *
     * @param address where to listen
     * @param stats   the server's counters
     * @param sinks   its sinks' counters
     * @return the running export
     * @throws IOException naming the address, if it cannot be bound
     */
    static MetricsExport start(InetSocketAddress address, Supplier<TransportStats> stats,
            Supplier<? extends Collection<SinkStats>> sinks) throws IOException {
        // The JDK's HTTP server otherwise waits forever for a client that stops mid-request or
        // mid-response; this JVM is ours, so bound both (seconds), unless the operator chose.
        setIfAbsent("sun.net.httpserver.maxReqTime", "10");
        setIfAbsent("sun.net.httpserver.maxRspTime", "10");
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(UdpkitMetrics.builder().transport(stats).sinks(sinks).build());
        JvmMetrics.builder().register(registry);
        try {
            return new MetricsExport(MetricsHttpServer.start(address, registry));
        } catch (IOException e) {
            throw new IOException("cannot bind --metrics " + SocketAddresses.format(address) + ": "
                    + e.getMessage(), e);
        }
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The bound address (the actual port when 0 was given). */
    InetSocketAddress localAddress() {
        return http.localAddress();
    }

    @Override
    public void close() {
        http.close();
    }
}
