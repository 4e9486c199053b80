package io.udpkit.core;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The sending side of {@link LoopbackWarmup}: a few plain JDK datagram channels on loopback, each
 * on a port of its own, that send the sample payload (and some junk) to the warm-up's private
 * socket and read back whatever it answers.
 *
 * <p>Traffic goes mostly one datagram at a time, paced by the receive loop's own count of what it
 * took, so the loop goes idle and is woken between datagrams as it is under request-reply traffic;
 * every {@value #BURST_EVERY}th round is a burst of up to a batch, so multi-message receives and
 * batched replies run too. Of the datagrams, one in {@value #SHORT_EVERY} is a byte short of the
 * sample (undecodable) and one in {@value #OVERSIZED_EVERY} is larger than the maximum datagram
 * size (truncated), when UDP can carry such a datagram; and now and then the loop is woken with
 * no datagram, as stopping it does. Everything is bounded: by a count, by a
 * deadline, and by {@value #WINDOW_PATIENCE_MILLIS} ms of waiting per round for datagrams the
 * kernel may have dropped.
 */
final class WarmupTraffic implements Closeable {

    /** How many sender channels (and so sender ports) take turns. */
    static final int SENDERS = 4;
    /** One datagram in this many is a byte short of the sample. */
    static final int SHORT_EVERY = 64;
    /** One datagram in this many is larger than the maximum datagram size, where UDP allows. */
    static final int OVERSIZED_EVERY = 256;
    /** One round in this many sends a burst instead of a single datagram. */
    static final int BURST_EVERY = 8;
    /**
     * One round in this many wakes the loop before sending, so the path by which a waiting loop is
     * woken without a datagram (to stop it) is compiled too, instead of being thrown away when the
     * warm-up stops its loop.
     */
    static final int WAKE_EVERY = 32;
    private static final int MAX_BURST = 64;
    private static final long WINDOW_PATIENCE_MILLIS = 100;

    private final DatagramChannel[] senders;
    private final ByteBuffer sample;
    private final ByteBuffer shortSample;
    private final ByteBuffer oversized;
    private final ByteBuffer replies;
    private long attempts;
    private long sent;
    private long repliesRead;

    private WarmupTraffic(DatagramChannel[] senders, ByteBuffer sample, int maxDatagramSize) {
        this.senders = senders;
        this.sample = copyOf(sample, sample.remaining());
        this.shortSample = copyOf(sample, Math.max(0, sample.remaining() - 1));
        int tooLarge = maxDatagramSize + 1;
        this.oversized = tooLarge <= DatagramLimits.MAX_UDP_PAYLOAD
                ? ByteBuffer.allocateDirect(tooLarge) : null;
        this.replies = ByteBuffer.allocateDirect(DatagramLimits.MAX_UDP_PAYLOAD);
    }

    /**
     * Opens {@value #SENDERS} non-blocking channels bound to ephemeral ports of {@code loopback}.
     *
     * @param loopback        the loopback address of the family the warm-up socket uses
     * @param sample          the codec's sample payload, between position and limit (not changed)
     * @param maxDatagramSize the configured maximum, to make one datagram larger than it
     * @throws IOException if a channel cannot be opened or bound
     */
    static WarmupTraffic open(InetAddress loopback, ByteBuffer sample, int maxDatagramSize)
            throws IOException {
        DatagramChannel[] senders = new DatagramChannel[SENDERS];
        try {
            for (int i = 0; i < SENDERS; i++) {
                senders[i] = DatagramChannel.open(loopback instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                senders[i].configureBlocking(false);
                senders[i].bind(new InetSocketAddress(loopback, 0));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(senders, e);
            throw e;
        }
        return new WarmupTraffic(senders, sample, maxDatagramSize);
    }

    private static ByteBuffer copyOf(ByteBuffer sample, int length) {
        ByteBuffer copy = ByteBuffer.allocateDirect(length);
        ByteBuffer source = sample.duplicate();
        source.limit(source.position() + length);
        copy.put(source).flip();
        return copy;
    }

    /**
     * Sends up to {@code datagrams} datagrams to {@code target} until {@code deadlineNanos} (a
     * {@link System#nanoTime()}), or until {@code abandon} says so, reading replies as they come.
     *
     * @param target        the warm-up socket
     * @param taken         how many datagrams the receive loop has taken so far, from any thread
     * @param burst         the most datagrams per burst round (the socket's batch capacity)
     * @param datagrams     how many to send at most
     * @param deadlineNanos when to stop sending
     * @param abandon       {@code true} when the loop has ended and nothing will be taken any more
     * @param wake          wakes the loop without a datagram
     * @param roundDone     called after each round, once the loop has taken its datagrams
     * @throws IOException if a send or a receive fails
     */
    void drive(InetSocketAddress target, LongSupplier taken, int burst, long datagrams,
            long deadlineNanos, BooleanSupplier abandon, Runnable wake, Runnable roundDone)
            throws IOException {
        int burstSize = Math.max(1, Math.min(burst, MAX_BURST));
        long notTaken = 0;
        for (long round = 0; attempts < datagrams && System.nanoTime() - deadlineNanos < 0
                && !abandon.getAsBoolean(); round++) {
            long window = round % BURST_EVERY == BURST_EVERY - 1 ? burstSize : 1;
            window = Math.min(window, datagrams - attempts);
            if (round % WAKE_EVERY == WAKE_EVERY / 2) {
                wake.run();
            }
            for (long i = 0; i < window; i++) {
                send(target);
            }
            // Wait until the loop has taken them (or lost them: the kernel may drop on loopback
            // too), then read whatever was answered.
            long patience = Math.min(deadlineNanos,
                    System.nanoTime() + WINDOW_PATIENCE_MILLIS * 1_000_000);
            while (taken.getAsLong() + notTaken < sent && System.nanoTime() - patience < 0
                    && !abandon.getAsBoolean()) {
                Thread.yield();
            }
            notTaken = Math.max(notTaken, sent - taken.getAsLong());
            readReplies();
            roundDone.run();
        }
    }

    private void send(InetSocketAddress target) throws IOException {
        long n = attempts++;
        ByteBuffer payload;
        if (oversized != null && n % OVERSIZED_EVERY == OVERSIZED_EVERY / 2) {
            payload = oversized;
        } else if (n % SHORT_EVERY == SHORT_EVERY - 1) {
            payload = shortSample;
        } else {
            payload = sample;
        }
        payload.clear();
        // Non-blocking: a full send buffer sends nothing; that datagram is skipped, not retried.
        if (senders[(int) (n % SENDERS)].send(payload, target) > 0 || payload.capacity() == 0) {
            sent++;
        }
    }

    /** Reads every reply queued on the senders, without waiting. */
    void readReplies() throws IOException {
        for (DatagramChannel sender : senders) {
            while (true) {
                replies.clear();
                if (sender.receive(replies) == null) {
                    break;
                }
                repliesRead++;
            }
        }
    }

    /** Datagrams handed to the kernel (a send refused for a full send buffer is not counted). */
    long sent() {
        return sent;
    }

    /** Replies read back by the senders. */
    long repliesRead() {
        return repliesRead;
    }

    @Override
    public void close() throws IOException {
        CloseAll.close(Arrays.asList(senders));
    }

    private static void closeAll(DatagramChannel[] channels, Exception primary) {
        for (DatagramChannel channel : channels) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    primary.addSuppressed(e);
                }
            }
        }
    }
}
