package io.udpkit.server;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import io.udpkit.core.LoopWarmup;
import io.udpkit.core.LoopbackWarmupReport;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up warm-up pass of {@link UdpServer.Builder#warmup(int)}, before the server's socket is
 * bound, with the server's own reply path ({@link ServingHandler} and the configured
 * {@link ReplyPolicy}) as the handler, in three steps:
 * <ol>
 * <li>the loopback part ({@link LoopWarmup#runOnLoopback}): real datagrams made from the codec's
 *     sample payload, sent from private sockets to a private socket of the server's I/O path on
 *     an ephemeral loopback port, through the real receive loop, with the replies read back; at
 *     most as many datagrams as asked and at most {@link #LOOPBACK_LIMIT}. This compiles the
 *     receive, wait and reply calls below the loop (the JDK's datagram channel, or the batch
 *     path's native calls), which only real sockets reach. If no such socket can be opened, one
 *     INFO line says why and the pass goes on without it;</li>
 * <li>the synthetic part ({@link LoopWarmup#run}): the same loop over in-memory datagrams, with
 *     counting, decoding, dispatch and reply encoding, as many as asked;</li>
 * <li>a brief, bounded wait until the JIT has gone quiet, so its background compilations do not
 *     compete with the first real datagrams for the core.</li>
 * </ol>
 *
 * <p>Nothing reaches the server's port or anyone but this process: the loopback datagrams go
 * between the pass's own sockets, closed before the server binds; the user's handler (output,
 * forwarding) and the sinks are never called, only a side-effect-free stand-in if one was given,
 * so a warmed server starts with every counter at zero and has printed and sent nothing.
 */
final class StartupWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);

    /** The longest the loopback part sends, over all its segments. */
    static final Duration LOOPBACK_LIMIT = Duration.ofSeconds(2);
    /** Segments of each part, each with a stand-in class of its own; at least 3 (see run). */
    static final int SEGMENTS = 3;
    /** The most rounds of the synthetic part (each followed by a wait for a quiet JIT). */
    static final int MAX_SYNTHETIC_ROUNDS = 3;
    /** How long the JIT must have compiled nothing before the warm-up ends. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest the warm-up waits for the JIT to go quiet. */
    private static final long MAX_QUIET_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private StartupWarmup() {
    }

    /**
     * What the pass did: the loopback part's report per private socket (empty when none could be
     * opened) and the synthetic part's counters per segment (empty when the codec offers no sample
     * payload).
     */
    record Outcome(List<LoopbackWarmupReport> loopback, List<TransportStats> synthetic) {
    }

    /**
     * Runs the warm-up pass on the calling thread (and, for the loopback part, one sending thread).
     *
     * <p>Each part runs in {@value #SEGMENTS} segments, each with the server's reply path around
     * a stand-in of a class of its own, and in the loopback part each on a private socket of its
     * own. The JIT then sees several handler classes where the server's handler will be called,
     * so it compiles a call that takes any handler instead of one that is thrown away when the
     * real handler, a class the pass never saw, arrives; and it sees a private socket stopped and
     * closed before it compiles the socket's code for good.
     *
     * @param config    the transport configuration the server will bind with
     * @param codec     the server's codec
     * @param reply     the server's reply policy, whose encoding runs on every datagram
     * @param datagrams how many datagrams each part drives at most, at least 1
     * @param standIn   called where serving calls the user's handler; must have no side effects
     * @return what each part did
     */
    static <T> Outcome run(TransportConfig config, Codec<T> codec, ReplyPolicy reply,
            int datagrams, DatagramHandler<? super T> standIn) {
        long start = System.nanoTime();
        List<ServingHandler<T>> handlers = new ArrayList<>();
        for (int segment = 0; segment < SEGMENTS; segment++) {
            // No sinks: the pass must have no side effects.
            handlers.add(new ServingHandler<>(() -> { }, reply, false, StandIn.of(segment, standIn),
                    new SinkQueue<?>[0], config.maxDatagramSize()));
        }
        List<LoopbackWarmupReport> loopback = runOnLoopback(config, codec, handlers, datagrams);
        long realDone = System.nanoTime();
        List<TransportStats> synthetic = new ArrayList<>();
        long received = 0;
        long undecodable = 0;
        long driving = 0;
        long waiting = 0;
        int rounds = 0;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean compiled = true;
        // Again while the JIT still had work after the last round: with its queue long, it puts
        // off compiling methods that are hot by the count alone, such as the loop's run method.
        while (compiled && rounds < MAX_SYNTHETIC_ROUNDS && waiting < MAX_QUIET_WAIT_NANOS) {
            long before = compilationMillis(jit);
            long roundStart = System.nanoTime();
            for (int segment = 0; segment < SEGMENTS; segment++) {
                Optional<TransportStats> part = LoopWarmup.run(config, codec, handlers.get(segment),
                        share(datagrams, segment));
                if (part.isEmpty()) {
                    LOG.info("warm-up skipped: codec {} offers no sample payload of at most {} bytes",
                            codec, config.maxDatagramSize());
                    return new Outcome(loopback, List.of());
                }
                synthetic.add(part.get());
                received += part.get().received();
                undecodable += part.get().undecodable();
            }
            long roundDriven = System.nanoTime();
            waiting += awaitQuietCompiler(jit);
            driving += roundDriven - roundStart;
            rounds++;
            compiled = compilationMillis(jit) != before;
        }
        long sent = 0;
        long replies = 0;
        for (LoopbackWarmupReport report : loopback) {
            sent += report.sent();
            replies += report.repliesRead();
        }
        String real = loopback.isEmpty() ? "" : sent + " datagrams over loopback through "
                + loopback.size() + " private " + loopback.get(0).ioPath() + " sockets in turn ("
                + replies + " replies) in " + TimeUnit.NANOSECONDS.toMillis(realDone - start)
                + " ms, then ";
        LOG.info("warm-up: {}{} synthetic datagrams ({} undecodable) through the receive loop and"
                        + " reply {} in {} round(s), {} ms, waiting {} ms in all for the JIT to go quiet",
                real, received, undecodable, reply.name().toLowerCase(Locale.ROOT), rounds,
                TimeUnit.NANOSECONDS.toMillis(driving), TimeUnit.NANOSECONDS.toMillis(waiting));
        return new Outcome(loopback, List.copyOf(synthetic));
    }

    /** The loopback part, one private socket per segment, within {@link #LOOPBACK_LIMIT} in all. */
    private static <T> List<LoopbackWarmupReport> runOnLoopback(TransportConfig config,
            Codec<T> codec, List<ServingHandler<T>> handlers, int datagrams) {
        List<LoopbackWarmupReport> reports = new ArrayList<>();
        long deadline = System.nanoTime() + LOOPBACK_LIMIT.toNanos();
        for (int segment = 0; segment < SEGMENTS; segment++) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                Optional<LoopbackWarmupReport> report = LoopWarmup.runOnLoopback(config, codec,
                        handlers.get(segment), share(datagrams, segment),
                        Duration.ofNanos(left / (SEGMENTS - segment)));
                if (report.isEmpty()) {
                    return reports;
                }
                reports.add(report.get());
            } catch (IOException e) {
                LOG.info("warm-up: no private loopback socket ({}); synthetic datagrams only",
                        e.getMessage());
                return reports;
            }
        }
        return reports;
    }

    /** Segment {@code segment}'s share of {@code datagrams}; the shares add up to it. */
    static int share(int datagrams, int segment) {
        return datagrams / SEGMENTS + (segment < datagrams % SEGMENTS ? 1 : 0);
    }

    /**
     * Waits until the JIT has compiled nothing for {@link #QUIET_NANOS}, at most
     * {@link #MAX_QUIET_WAIT_NANOS}; returns how long it waited, ns.
     */
    private static long awaitQuietCompiler(CompilationMXBean jit) {
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long lastTotal = jit.getTotalCompilationTime();
        long lastChange = start;
        while (true) {
            LockSupport.parkNanos(POLL_NANOS);
            long now = System.nanoTime();
            long total = jit.getTotalCompilationTime();
            if (total != lastTotal) {
                lastTotal = total;
                lastChange = now;
            } else if (now - lastChange >= QUIET_NANOS) {
                return now - start;
            }
            if (now - start >= MAX_QUIET_WAIT_NANOS) {
                return now - start;
            }
        }
    }

    /** The JIT's total compilation time so far, ms, or 0 when the JVM does not say. */
    private static long compilationMillis(CompilationMXBean jit) {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /**
     * Passes every call on to the stand-in. Its subclasses are the distinct classes the segments
     * put where the server's handler will sit.
     */
    private abstract static class StandIn<T> implements DatagramHandler<T> {

        private final DatagramHandler<? super T> standIn;

        StandIn(DatagramHandler<? super T> standIn) {
            this.standIn = standIn;
        }

        static <T> DatagramHandler<T> of(int segment, DatagramHandler<? super T> standIn) {
            switch (segment % SEGMENTS) {
                case 0:
                    return new First<>(standIn);
                case 1:
                    return new Second<>(standIn);
                default:
                    return new Third<>(standIn);
            }
        }

        @Override
        public void onMessage(T value, InboundDatagram datagram) throws Exception {
            standIn.onMessage(value, datagram);
        }

        @Override
        public void onUndecodable(InboundDatagram datagram, CodecException error) throws Exception {
            standIn.onUndecodable(datagram, error);
        }

        @Override
        public void onBatchEnd() throws Exception {
            standIn.onBatchEnd();
        }
    }

    /** The first segment's stand-in class. */
    private static final class First<T> extends StandIn<T> {
        First(DatagramHandler<? super T> standIn) {
            super(standIn);
        }
    }

    /** The second segment's stand-in class. */
    private static final class Second<T> extends StandIn<T> {
        Second(DatagramHandler<? super T> standIn) {
            super(standIn);
        }
    }

    /** The third segment's stand-in class. */
    private static final class Third<T> extends StandIn<T> {
        Third(DatagramHandler<? super T> standIn) {
            super(standIn);
        }
    }
}
