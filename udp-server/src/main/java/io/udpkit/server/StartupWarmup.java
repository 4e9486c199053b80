package io.udpkit.server;

import io.udpkit.core.Codec;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.LoopWarmup;
import io.udpkit.core.LoopbackWarmupReport;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
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

    /** The longest the loopback part sends. */
    static final Duration LOOPBACK_LIMIT = Duration.ofSeconds(2);
    /** How long the JIT must have compiled nothing before the warm-up ends. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest the warm-up waits for the JIT to go quiet. */
    private static final long MAX_QUIET_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private StartupWarmup() {
    }

    /**
     * What the pass did: the loopback part's report (empty when it could not run) and the
     * synthetic part's counters (empty when the codec offers no sample payload).
     */
    record Outcome(Optional<LoopbackWarmupReport> loopback, Optional<TransportStats> synthetic) {
    }

    /**
     * Runs the warm-up pass on the calling thread (and, for the loopback part, one sending thread).
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
        // No sinks: the pass must have no side effects.
        ServingHandler<T> handler = new ServingHandler<>(() -> { }, reply, false, standIn,
                new SinkQueue<?>[0], config.maxDatagramSize());
        Optional<LoopbackWarmupReport> loopback;
        try {
            loopback = LoopWarmup.runOnLoopback(config, codec, handler, datagrams, LOOPBACK_LIMIT);
        } catch (IOException e) {
            LOG.info("warm-up: no private loopback socket ({}); synthetic datagrams only",
                    e.getMessage());
            loopback = Optional.empty();
        }
        long realDone = System.nanoTime();
        Optional<TransportStats> stats = LoopWarmup.run(config, codec, handler, datagrams);
        if (stats.isEmpty()) {
            LOG.info("warm-up skipped: codec {} offers no sample payload of at most {} bytes", codec,
                    config.maxDatagramSize());
            return new Outcome(loopback, stats);
        }
        long driven = System.nanoTime();
        long quietAfter = awaitQuietCompiler();
        String real = loopback.map(r -> r.sent() + " datagrams over loopback through a private "
                + r.ioPath() + " socket (" + r.repliesRead() + " replies) in "
                + TimeUnit.NANOSECONDS.toMillis(realDone - start) + " ms, then ").orElse("");
        LOG.info("warm-up: {}{} synthetic datagrams ({} undecodable) through the receive loop and"
                        + " reply {} in {} ms, JIT quiet {} ms later", real, stats.get().received(),
                stats.get().undecodable(), reply.name().toLowerCase(Locale.ROOT),
                TimeUnit.NANOSECONDS.toMillis(driven - realDone),
                TimeUnit.NANOSECONDS.toMillis(quietAfter));
        return new Outcome(loopback, stats);
    }

    /**
     * Waits until the JIT has compiled nothing for {@link #QUIET_NANOS}, at most
     * {@link #MAX_QUIET_WAIT_NANOS}; returns how long it waited, ns.
     */
    private static long awaitQuietCompiler() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
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
}
