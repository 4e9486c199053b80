/**
 * Prometheus metrics for udpkit.
 *
 * <p>{@link io.udpkit.metrics.prometheus.UdpkitMetrics} is a collector: registered in a
 * {@code PrometheusRegistry}, it reads a server's counters (the same {@code TransportStats} the
 * stats line prints) each time the registry is scraped, so the receive loop pays nothing for
 * being observed. {@link io.udpkit.metrics.prometheus.MetricsHttpServer} serves a registry in the
 * Prometheus text format on {@code GET /metrics}, and nothing else but {@code GET /-/healthy}.
 */
package io.udpkit.metrics.prometheus;
