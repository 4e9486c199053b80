package io.udpkit.metrics.prometheus;

import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.udpkit.core.DropReason;
import io.udpkit.core.SinkStats;
import io.udpkit.core.TransportStats;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * udpkit's counters as Prometheus counters, read when the registry is scraped.
 *
 * <p>Register one in a {@code PrometheusRegistry} (yours, or the one
 * {@link MetricsHttpServer} serves). Each scrape takes one {@link TransportStats} snapshot from
 * the supplier and reports every counter of that snapshot, so the values of one scrape belong
 * together; between scrapes this class does nothing, and the receive loop never sees it. Each
 * metric is named after its key in the stats line, in snake case:
 *
 * <table>
 * <caption>metrics and the stats-line key each reports</caption>
 * <tr><th>metric</th><th>stats key</th></tr>
 * <tr><td>{@code udpkit_transport_received_total}</td><td>{@code received}</td></tr>
 * <tr><td>{@code udpkit_transport_decoded_total}</td><td>{@code decoded}</td></tr>
 * <tr><td>{@code udpkit_transport_undecodable_total}</td><td>{@code undecodable}</td></tr>
 * <tr><td>{@code udpkit_transport_replied_total}</td><td>{@code replied}</td></tr>
 * <tr><td>{@code udpkit_transport_truncated_total}</td><td>{@code truncated}</td></tr>
 * <tr><td>{@code udpkit_transport_handler_errors_total}</td><td>{@code handlerErrors}</td></tr>
 * <tr><td>{@code udpkit_transport_rate_limited_total}</td><td>{@code rateLimited}</td></tr>
 * <tr><td>{@code udpkit_transport_oversized_replies_total}</td><td>{@code oversizedReplies}</td></tr>
 * <tr><td>{@code udpkit_transport_socket_drops_total}</td><td>{@code socketDrops}; absent when
 * the kernel's count for the socket is unknown</td></tr>
 * </table>
 *
 * <p>With {@link Builder#sinks}, each sink's delivery counters (from its {@link SinkStats}) are
 * reported with a {@code sink} label holding the sink's name:
 * {@code udpkit_sink_accepted_total}, {@code udpkit_sink_delivered_total},
 * {@code udpkit_sink_dropped_total} (one series per {@code reason}: {@code queue_full},
 * {@code too_large}, {@code refused}), {@code udpkit_sink_failed_total}, and the gauge
 * {@code udpkit_sink_unconfirmed} (queued or awaiting the destination's confirmation).
 *
 * <p>One registry holds one {@code UdpkitMetrics}: the names are fixed, and the registry refuses
 * a second collector that reports the same names. Thread-safe.
 *
 * <pre>{@code
 * PrometheusRegistry registry = new PrometheusRegistry();
 * registry.register(UdpkitMetrics.builder().transport(server::stats).build());
 * }</pre>
 */
public final class UdpkitMetrics implements MultiCollector {

    private static final List<TransportCounter> TRANSPORT = List.of(
            new TransportCounter("received", "Datagrams read from the socket, whatever became of them.",
                    TransportStats::received),
            new TransportCounter("decoded", "Datagrams the codec decoded and the handler received.",
                    TransportStats::decoded),
            new TransportCounter("undecodable", "Datagrams the codec rejected, counted and dropped.",
                    TransportStats::undecodable),
            new TransportCounter("replied", "Replies sent.", TransportStats::replied),
            new TransportCounter("truncated",
                    "Datagrams larger than the maximum datagram size, dropped without decoding.",
                    TransportStats::truncated),
            new TransportCounter("handler_errors",
                    "Exceptions from handlers, unexpected codec failures and failed replies.",
                    TransportStats::handlerErrors),
            new TransportCounter("rate_limited",
                    "Datagrams dropped before decoding because their source exceeded its rate.",
                    TransportStats::rateLimited),
            new TransportCounter("oversized_replies",
                    "Replies refused because they were larger than the datagram they answered.",
                    TransportStats::oversizedReplies),
            new TransportCounter("socket_drops",
                    "Datagrams the kernel dropped for this server's socket(s), chiefly because the"
                            + " receive buffer was full.",
                    TransportStats::socketDrops));

    private static final String SINK_ACCEPTED = "udpkit_sink_accepted";
    private static final String SINK_DELIVERED = "udpkit_sink_delivered";
    private static final String SINK_DROPPED = "udpkit_sink_dropped";
    private static final String SINK_FAILED = "udpkit_sink_failed";
    private static final String SINK_UNCONFIRMED = "udpkit_sink_unconfirmed";
    private static final String SINK_ACCEPTED_HELP = "Values the receive loop handed to the sink.";
    private static final String SINK_DELIVERED_HELP = "Records the sink's destination confirmed.";
    private static final String SINK_DROPPED_HELP = "Records the sink dropped, by reason.";
    private static final String SINK_FAILED_HELP = "Records whose delivery failed.";
    private static final String SINK_UNCONFIRMED_HELP =
            "Records queued or awaiting the destination's confirmation.";

    private final Supplier<TransportStats> transport;
    private final Supplier<? extends Collection<SinkStats>> sinks;
    private final List<MetricFamilyDescriptor> descriptors;

    private UdpkitMetrics(Builder builder) {
        this.transport = builder.transport;
        this.sinks = builder.sinks;
        List<MetricFamilyDescriptor> all = new ArrayList<>();
        if (transport != null) {
            for (TransportCounter counter : TRANSPORT) {
                all.add(counterDescriptor(counter.name, counter.help, Set.of()));
            }
        }
        if (sinks != null) {
            all.add(counterDescriptor(SINK_ACCEPTED, SINK_ACCEPTED_HELP, Set.of("sink")));
            all.add(counterDescriptor(SINK_DELIVERED, SINK_DELIVERED_HELP, Set.of("sink")));
            all.add(counterDescriptor(SINK_DROPPED, SINK_DROPPED_HELP, Set.of("sink", "reason")));
            all.add(counterDescriptor(SINK_FAILED, SINK_FAILED_HELP, Set.of("sink")));
            all.add(MetricFamilyDescriptor.of(MetricType.GAUGE,
                    new MetricMetadata(SINK_UNCONFIRMED, SINK_UNCONFIRMED_HELP), Set.of("sink")));
        }
        this.descriptors = List.copyOf(all);
    }

    /**
     * Starts a binding that reports nothing until given a source.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the sources once and reports their counters. Called by the registry on each scrape.
     *
     * @return one counter per metric this binding reports
     */
    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> snapshots = new ArrayList<>(descriptors.size());
        if (transport != null) {
            TransportStats stats = transport.get();
            for (TransportCounter counter : TRANSPORT) {
                long value = counter.read.applyAsLong(stats);
                if (value >= 0) {
                    snapshots.add(CounterSnapshot.builder().name(counter.name).help(counter.help)
                            .dataPoint(CounterDataPointSnapshot.builder().value(value).build())
                            .build());
                }
            }
        }
        if (sinks != null) {
            collectSinks(sinks.get(), snapshots);
        }
        return new MetricSnapshots(snapshots);
    }

    private static void collectSinks(Collection<SinkStats> all, List<MetricSnapshot> snapshots) {
        if (all == null || all.isEmpty()) {
            return;
        }
        CounterSnapshot.Builder accepted = CounterSnapshot.builder().name(SINK_ACCEPTED)
                .help(SINK_ACCEPTED_HELP);
        CounterSnapshot.Builder delivered = CounterSnapshot.builder().name(SINK_DELIVERED)
                .help(SINK_DELIVERED_HELP);
        CounterSnapshot.Builder dropped = CounterSnapshot.builder().name(SINK_DROPPED)
                .help(SINK_DROPPED_HELP);
        CounterSnapshot.Builder failed = CounterSnapshot.builder().name(SINK_FAILED)
                .help(SINK_FAILED_HELP);
        GaugeSnapshot.Builder unconfirmed = GaugeSnapshot.builder().name(SINK_UNCONFIRMED)
                .help(SINK_UNCONFIRMED_HELP);
        for (SinkStats sink : all) {
            Labels labels = Labels.of("sink", sink.name());
            accepted.dataPoint(counterPoint(labels, sink.accepted()));
            delivered.dataPoint(counterPoint(labels, sink.delivered()));
            for (DropReason reason : DropReason.values()) {
                dropped.dataPoint(counterPoint(
                        labels.add("reason", reason.name().toLowerCase(Locale.ROOT)),
                        sink.dropped(reason)));
            }
            failed.dataPoint(counterPoint(labels, sink.failed()));
            unconfirmed.dataPoint(GaugeDataPointSnapshot.builder().labels(labels)
                    .value(sink.unconfirmed()).build());
        }
        snapshots.add(accepted.build());
        snapshots.add(delivered.build());
        snapshots.add(dropped.build());
        snapshots.add(failed.build());
        snapshots.add(unconfirmed.build());
    }

    private static CounterDataPointSnapshot counterPoint(Labels labels, long value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static MetricFamilyDescriptor counterDescriptor(String name, String help,
            Set<String> labelNames) {
        return MetricFamilyDescriptor.of(MetricType.COUNTER, new MetricMetadata(name, help),
                labelNames);
    }

    /**
     * The metrics this binding reports, announced at registration so the registry refuses a
     * second binding with the same names.
     *
     * @return one counter descriptor per metric
     */
    @Override
    public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
        return descriptors;
    }

    /** One transport counter: its metric name, its help text, and how to read it. */
    private static final class TransportCounter {
        final String name;
        final String help;
        final ToLongFunction<TransportStats> read;

        TransportCounter(String key, String help, ToLongFunction<TransportStats> read) {
            this.name = "udpkit_transport_" + key;
            this.help = help;
            this.read = read;
        }
    }

    /** Chooses what a {@link UdpkitMetrics} reports. Not thread-safe. */
    public static final class Builder {

        private Supplier<TransportStats> transport;
        private Supplier<? extends Collection<SinkStats>> sinks;

        private Builder() {
        }

        /**
         * Reports a server's transport counters, e.g. {@code transport(server::stats)}. The
         * supplier is called once per scrape, on the scraping thread; it must be cheap and
         * thread-safe, as {@code UdpServer.stats()} and {@code UdpEndpoint.stats()} are.
         *
         * @param stats where to read the counters
         * @return this builder
         */
        public Builder transport(Supplier<TransportStats> stats) {
            this.transport = Objects.requireNonNull(stats, "stats");
            return this;
        }

        /**
         * Reports each sink's delivery counters, e.g. {@code sinks(server::sinkStats)}: one
         * series per sink (label {@code sink}), and per drop reason. The supplier is called
         * once per scrape, on the scraping thread; it must be cheap and thread-safe, as
         * {@code SinkQueue.stats()} is. An empty collection reports no sink series.
         *
         * @param stats where to read the sinks' counters
         * @return this builder
         */
        public Builder sinks(Supplier<? extends Collection<SinkStats>> stats) {
            this.sinks = Objects.requireNonNull(stats, "stats");
            return this;
        }

        /**
         * Builds the binding.
         *
         * @return a collector to register
         */
        public UdpkitMetrics build() {
            return new UdpkitMetrics(this);
        }
    }
}
