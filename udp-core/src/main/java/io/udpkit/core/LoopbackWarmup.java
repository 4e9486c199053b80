package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.helpers.NOPLogger;

/**
 * The loopback part of the warm-up: opens a private socket of the I/O path the endpoint will choose
 * ({@link TransportSelection}, the same {@link TransportConfig}) on an ephemeral loopback port,
 * runs the real {@link ReceiveLoop} over it on the calling thread while {@link WarmupTraffic} sends
 * it datagrams from a few private sender ports and reads the replies, then closes both. The loop's
 * run is ended after each round of the traffic and entered again, so it is invoked thousands of
 * times with this socket, as the JIT needs to compile it as a whole for the server's one call. So the
 * receive, wait and reply methods below the loop (the JDK's datagram channel, or the batch path's
 * native calls) are compiled before the server's own socket serves, which the synthetic pass
 * cannot reach.
 *
 * <p>The server's port is never used and its counters never see this traffic: the loop has counters
 * and warnings of its own, which are discarded. Bounded by a count of datagrams and a time limit.
 */
final class LoopbackWarmup {

    /** The longest the loop is given to return once the senders are done. */
    private static final long STOP_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private LoopbackWarmup() {
    }

    /**
     * Runs the part on the calling thread (the loop) and one sending thread.
     *
     * @param aim where the senders send, given the private socket's address: the identity, except
     *            in a test that checks what happens when the socket gets no traffic
     * @throws IOException if the path cannot be chosen, the private socket or a sender cannot be
     *                     opened, or the loop fails; nothing is left open
     */
    static <T> LoopbackWarmupReport run(TransportConfig config, Codec<T> codec,
            DatagramHandler<? super T> handler, ByteBuffer sample, long datagrams, long limitNanos,
            UnaryOperator<InetSocketAddress> aim) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limitNanos;
        TransportSelection selection = TransportSelection.choose(config.io());
        InetAddress loopback = config.bindAddress().getAddress() instanceof Inet6Address
                ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1");
        DatagramSocketIo socket = selection.open(config, new InetSocketAddress(loopback, 0), false);
        try (socket; WarmupTraffic traffic = WarmupTraffic.open(loopback, sample, config.maxDatagramSize())) {
            ReceiveLoop loop = new ReceiveLoop(0, socket, config, UdpEndpoint.SYSTEM_CLOCK, NOPLogger.NOP_LOGGER);
            // The server's idle timeout too: a compiled loop that never saw one would be thrown
            // away at the server's first wait.
            LoopGroup group = new LoopGroup(List.of(loop), config.idleTimeout().toNanos());
            InetSocketAddress target = aim.apply(socket.localAddress());
            AtomicReference<Throwable> senderFailure = new AtomicReference<>();
            AtomicBoolean senderDone = new AtomicBoolean();
            AtomicBoolean loopEnded = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                try {
                    traffic.drive(target, () -> loop.counters().get(TransportCounters.RECEIVED),
                            socket.capacity(), datagrams, deadline, loopEnded::get,
                            socket::wakeup, group::requestStop);
                } catch (IOException | RuntimeException e) {
                    senderFailure.set(e);
                } finally {
                    senderDone.set(true);
                    group.end(StopReason.STOPPED);
                }
            }, "udpkit-warmup-sender");
            sender.setDaemon(true);
            sender.start();
            Decoder<T> decoder = codec.newDecoder();
            try {
                // The sender ends the loop's run after every round and the loop is run again, as
                // often as the synthetic pass does it, so the JIT's profile of run() holds this
                // socket's class too and its compiled run() takes the server's socket.
                while (true) {
                    group.beginServe();
                    if (senderDone.get()) {
                        break;
                    }
                    group.endServe(loop.run(decoder, handler, group));
                }
            } finally {
                // A failed loop must not leave the sender running to its deadline.
                loopEnded.set(true);
                group.end(StopReason.STOPPED);
                awaitEnd(sender);
            }
            Throwable failed = senderFailure.get();
            if (failed instanceof IOException) {
                throw (IOException) failed;
            }
            if (failed != null) {
                throw (RuntimeException) failed;
            }
            // The loop flushed its replies before it returned; loopback has queued them by now.
            traffic.readReplies();
            long[] values = new long[TransportCounters.COUNT];
            loop.counters().addTo(values);
            return new LoopbackWarmupReport(selection.name(), socket.localAddress(), traffic.sent(),
                    traffic.repliesRead(), TransportCounters.snapshot(values, 0), System.nanoTime() - start);
        }
    }

    private static void awaitEnd(Thread sender) throws IOException {
        try {
            sender.join(TimeUnit.NANOSECONDS.toMillis(STOP_PATIENCE_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the warm-up sender stopped", e);
        }
    }
}
