package io.udpkit.server;

import io.udpkit.core.Codec;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.LoopWarmup;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up warm-up pass of {@link UdpServer.Builder#warmup(int)}: before the socket is bound,
 * runs the real receive loop ({@link LoopWarmup}) over synthetic datagrams made from the codec's
 * sample payload, with the server's own reply path ({@link ServingHandler} and the configured
 * {@link ReplyPolicy}) as the handler, so the JIT compiles counting, decoding, dispatch and reply
 * encoding before the first real datagram instead of while it waits. Then waits, briefly and
 * bounded, until the JIT has gone quiet, so its background compilations do not compete with the
 * first real datagrams for the core.
 *
 * <p>Nothing leaves the process: no socket exists yet, replies are consumed without being sent,
 * and the user's handler (output, forwarding) is never called, only a side-effect-free stand-in
 * if one was given, so a warmed server starts with every counter at zero and has printed and sent
 * nothing.
 */
final class StartupWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);

    /** How long the JIT must have compiled nothing before the warm-up ends. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest the warm-up waits for the JIT to go quiet. */
    private static final long MAX_QUIET_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private StartupWarmup() {
    }

    /**
     * Runs the warm-up pass on the calling thread.
     *
     * @param config    the transport configuration the server will bind with
     * @param codec     the server's codec
     * @param reply     the server's reply policy, whose encoding runs on every datagram
     * @param datagrams how many synthetic datagrams to drive, at least 1
     * @param standIn   called where serving calls the user's handler; must have no side effects
     * @return the warm-up loop's own counters, empty when the codec offers no sample payload
     */
    static <T> Optional<TransportStats> run(TransportConfig config, Codec<T> codec, ReplyPolicy reply,
            int datagrams, DatagramHandler<? super T> standIn) {
        long start = System.nanoTime();
        // No sinks: the pass must have no side effects.
        ServingHandler<T> handler = new ServingHandler<>(() -> { }, reply, false, standIn,
                new SinkQueue<?>[0], config.maxDatagramSize());
        Optional<TransportStats> stats = LoopWarmup.run(config, codec, handler, datagrams);
        if (stats.isEmpty()) {
            LOG.info("warm-up skipped: codec {} offers no sample payload of at most {} bytes", codec,
                    config.maxDatagramSize());
            return stats;
        }
        long driven = System.nanoTime();
        long quietAfter = awaitQuietCompiler();
        LOG.info("warm-up: {} synthetic datagrams ({} undecodable) through the receive loop and reply"
                        + " {} in {} ms, JIT quiet {} ms later", stats.get().received(),
                stats.get().undecodable(), reply.name().toLowerCase(),
                TimeUnit.NANOSECONDS.toMillis(driven - start), TimeUnit.NANOSECONDS.toMillis(quietAfter));
        return stats;
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
