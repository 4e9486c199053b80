package io.udpkit.core;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.helpers.NOPLogger;

/**
 * Drives the real receive loop (counting, rate limiting, decoding, handler calls, replies) over
 * synthetic datagrams before a server binds, so the JIT compiles that code before the first real
 * datagram instead of while it waits. No socket is involved: the datagrams are copies of the
 * codec's {@link Codec#samplePayload() sample payload} in memory, every 64th one a byte short (the
 * rejection path), replies are consumed without being sent, and the loop has counters and
 * warnings of its own, which are discarded, so the endpoint opened afterwards starts at zero.
 *
 * <p>The handler is called as in real serving, so pass one without side effects (udp-server
 * passes its reply path without the user's handler).
 *
 * @since 0.2
 */
public final class LoopWarmup {

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
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(handler, "handler");
        if (datagrams < 0) {
            throw new IllegalArgumentException("warm-up datagrams must not be negative: " + datagrams);
        }
        Optional<ByteBuffer> sample = codec.samplePayload();
        if (sample.isEmpty() || sample.get().remaining() > config.maxDatagramSize()) {
            return Optional.empty();
        }
        int capacity = receivesPerCall(config);
        SyntheticDatagramSocket socket = new SyntheticDatagramSocket(sample.get(), capacity, datagrams,
                config.maxDatagramSize() + 1);
        ReceiveLoop loop = new ReceiveLoop(0, socket, config, System::nanoTime, NOPLogger.NOP_LOGGER);
        LoopGroup group = new LoopGroup(List.of(loop), 0);
        socket.stopWhenDone(group);
        try {
            loop.run(codec.newDecoder(), handler, group);
        } catch (java.io.IOException e) {
            // The synthetic socket throws nothing; a failure here is a bug, not a network event.
            throw new IllegalStateException("warm-up loop failed", e);
        }
        long[] values = new long[TransportCounters.COUNT];
        loop.counters().addTo(values);
        return Optional.of(TransportCounters.snapshot(values, 0));
    }

    /** Datagrams per receive on the path the endpoint will choose: 1 on NIO, a batch otherwise. */
    private static int receivesPerCall(TransportConfig config) {
        try {
            return TransportSelection.choose(config.io()).name().equals("nio") ? 1 : config.batchSize();
        } catch (java.io.IOException unavailable) {
            // io=batch where it cannot run: opening will say so; warm the batch shape meanwhile.
            return config.batchSize();
        }
    }
}
