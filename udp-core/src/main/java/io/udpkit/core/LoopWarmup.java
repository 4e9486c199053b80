package io.udpkit.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.helpers.NOPLogger;

/**
 * Drives the real receive loop (counting, rate limiting, decoding, handler calls, replies) before
 * a server binds, so the JIT compiles that code before the first real datagram instead of while it
 * waits. Two passes: {@link #runOnLoopback} sends real datagrams over loopback to a private socket
 * of the server's I/O path, which also compiles the socket calls below the loop; {@link #run}
 * needs no socket: the datagrams are copies of the codec's {@link Codec#samplePayload() sample
 * payload} in memory, every 64th one a byte short (the rejection path), and replies are consumed
 * without being sent. In both the loop has counters and warnings of its own, which are discarded,
 * so the endpoint opened afterwards starts at zero.
 *
 * <p>The handler is called as in real serving, so pass one without side effects (udp-server
 * passes its reply path without the user's handler).
 *
 * @since 0.2
 */
public final class LoopWarmup {

    /** Longer limits are cut to this, so the nanosecond arithmetic cannot overflow. */
    private static final Duration MAX_LIMIT = Duration.ofDays(1);

    private LoopWarmup() {
    }

    /**
     * Runs {@code datagrams} synthetic datagrams through a receive loop configured like
     * {@code config} (its maximum datagram size, rate limit and, for the batch I/O path, its batch
     * size), on the calling thread.
     *
     * @param config    the transport configuration the server will bind with
     * @param codec     the server's codec; its {@link Codec#newDecoder()} is called once
     * @param handler   what the loop hands each datagram to; must have no side effects
     * @param datagrams how many synthetic datagrams, at least 0
     * @param <T>       the type of decoded values
     * @return the warm-up loop's own counters, or empty if the codec offers no sample payload
     *         that fits {@link TransportConfig#maxDatagramSize()} (nothing was run)
     * @throws IllegalArgumentException if {@code datagrams} is negative
     */
    public static <T> Optional<TransportStats> run(TransportConfig config, Codec<T> codec,
            DatagramHandler<? super T> handler, long datagrams) {
        checkArguments(config, codec, handler, datagrams);
        Optional<ByteBuffer> sample = fittingSample(config, codec);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        int capacity = receivesPerCall(config);
        SyntheticDatagramSocket socket = new SyntheticDatagramSocket(sample.get(), capacity, datagrams,
                config.maxDatagramSize() + 1);
        ReceiveLoop loop = new ReceiveLoop(0, socket, config, UdpEndpoint.SYSTEM_CLOCK, NOPLogger.NOP_LOGGER);
        // The server's idle timeout too: a compiled loop that never saw one would be thrown away
        // at the server's first wait.
        LoopGroup group = new LoopGroup(List.of(loop), config.idleTimeout().toNanos());
        socket.stopWhenDone(group);
        Decoder<T> decoder = codec.newDecoder();
        try {
            // The socket stops each run after a few datagrams; run again until all were delivered.
            do {
                group.beginServe();
                group.endServe(loop.run(decoder, handler, group));
            } while (!socket.done());
        } catch (IOException e) {
            // The synthetic socket throws nothing; a failure here is a bug, not a network event.
            throw new IllegalStateException("warm-up loop failed", e);
        }
        long[] values = new long[TransportCounters.COUNT];
        loop.counters().addTo(values);
        return Optional.of(TransportCounters.snapshot(values, 0));
    }

    /**
     * Sends real datagrams over loopback through the receive loop on a private socket of the I/O
     * path the endpoint will choose, so the socket calls below the loop (receiving, waiting,
     * replying) are compiled too, which {@link #run} cannot reach. The socket is opened like the
     * endpoint's (the same {@link TransportConfig}: path, buffer sizes, batch size, limits) but
     * bound to an ephemeral port of the loopback address of the bind address's family, never the
     * configured port. A few private sender sockets on loopback send it copies of the codec's
     * sample payload, one in 64 a byte short and one in 256 larger than the maximum datagram size,
     * mostly one at a time and sometimes a batch at once, and read the replies; then both are
     * closed. The loop's counters and warnings are its own and are discarded, as in {@link #run}.
     *
     * <p>The handler is called on the calling thread, as in real serving, so pass one without side
     * effects. Any local process that sends to the private port while it is open is treated as
     * warm-up traffic: answered as {@code handler} answers, and counted only in the report.
     *
     * @param config    the transport configuration the server will bind with
     * @param codec     the server's codec; its {@link Codec#newDecoder()} is called once
     * @param handler   what the loop hands each datagram to; must have no side effects
     * @param datagrams how many datagrams to send at most, at least 0
     * @param limit     how long to send at most
     * @param <T>       the type of decoded values
     * @return what was sent and how the private loop counted it, or empty if the codec offers no
     *         sample payload that fits {@link TransportConfig#maxDatagramSize()} (nothing was run)
     * @throws IOException              if the I/O path is not available, a socket cannot be opened
     *                                  on loopback, or the private socket fails; nothing stays open
     * @throws IllegalArgumentException if {@code datagrams} or {@code limit} is negative
     */
    public static <T> Optional<LoopbackWarmupReport> runOnLoopback(TransportConfig config,
            Codec<T> codec, DatagramHandler<? super T> handler, long datagrams, Duration limit)
            throws IOException {
        return runOnLoopback(config, codec, handler, datagrams, limit, UnaryOperator.identity());
    }

    /** {@link #runOnLoopback} with the senders aimed elsewhere; for tests. */
    static <T> Optional<LoopbackWarmupReport> runOnLoopback(TransportConfig config, Codec<T> codec,
            DatagramHandler<? super T> handler, long datagrams, Duration limit,
            UnaryOperator<InetSocketAddress> aim) throws IOException {
        checkArguments(config, codec, handler, datagrams);
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("warm-up time limit must not be negative: " + limit);
        }
        Optional<ByteBuffer> sample = fittingSample(config, codec);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        long limitNanos = limit.compareTo(MAX_LIMIT) > 0 ? MAX_LIMIT.toNanos() : limit.toNanos();
        return Optional.of(LoopbackWarmup.run(config, codec, handler, sample.get(), datagrams,
                limitNanos, aim));
    }

    /** The arguments both passes share. */
    private static void checkArguments(TransportConfig config, Codec<?> codec,
            DatagramHandler<?> handler, long datagrams) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(handler, "handler");
        if (datagrams < 0) {
            throw new IllegalArgumentException("warm-up datagrams must not be negative: " + datagrams);
        }
    }

    /** The codec's sample payload, or empty if it offers none that fits the maximum datagram size. */
    private static Optional<ByteBuffer> fittingSample(TransportConfig config, Codec<?> codec) {
        return codec.samplePayload().filter(payload -> payload.remaining() <= config.maxDatagramSize());
    }

    /** Datagrams per receive on the path the endpoint will choose: 1 on NIO, a batch otherwise. */
    private static int receivesPerCall(TransportConfig config) {
        try {
            return TransportSelection.choose(config.io()).name().equals("nio") ? 1 : config.batchSize();
        } catch (IOException unavailable) {
            // io=batch where it cannot run: opening will say so; warm the batch shape meanwhile.
            return config.batchSize();
        }
    }
}
