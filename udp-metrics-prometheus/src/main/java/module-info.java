/**
 * udpkit's counters as Prometheus metrics: {@link io.udpkit.metrics.prometheus.UdpkitMetrics}
 * binds them to any {@code PrometheusRegistry}, read at scrape time, and
 * {@link io.udpkit.metrics.prometheus.MetricsHttpServer} serves a registry on a GET-only
 * {@code /metrics} endpoint. The Prometheus client's modules are automatic modules (they ship a
 * module name, not a descriptor), hence the suppressed lint.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.udpkit.metrics.prometheus {
    requires transitive io.udpkit.core;
    requires transitive io.prometheus.metrics.model;
    requires transitive io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.writer.text;
    requires jdk.httpserver;
    requires org.slf4j;

    exports io.udpkit.metrics.prometheus;
}
