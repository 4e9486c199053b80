package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * An I/O path with no socket behind it, for {@link LoopWarmup}: every receive hands the loop
 * copies of one sample payload from memory (every {@value #UNDECODABLE_EVERY}th one a byte short,
 * so the rejection path is driven too), replies are consumed and counted as sent, and nothing
 * ever reaches the kernel. It stops its loop group after every datagram (every
 * {@value #FULL_RUN_EVERY}th time after a full batch) and after the requested number of datagrams.
 *
 * <p>Payloads are read-only views of a direct buffer, the class the real paths hand to codecs,
 * so the type profiles the JIT gathers here hold for real traffic.
 */
final class SyntheticDatagramSocket implements DatagramSocketIo {

    /** One in this many synthetic datagrams is one byte short of the sample. */
    static final int UNDECODABLE_EVERY = 64;
    /**
     * Runs of the loop, of which one in this many is handed a full batch; the others end after
     * one datagram. After each run the socket stops its loop's run and {@link LoopWarmup} calls it
     * again, so {@code run} is invoked often enough for the JIT to compile it as a whole (a server
     * calls it once, and would otherwise run it from a compilation of its loop alone, made while
     * serving).
     */
    static final int FULL_RUN_EVERY = 64;

    private static final InetSocketAddress SENDER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    private static final long SENDER_KEY = 0x7f00_0001_0000L;
    /**
     * Distinct sender keys the datagrams take turns with, so a configured per-source rate limit
     * (whose table holds 4096 sources by default) is exercised without dropping most of them.
     */
    private static final int SENDER_KEYS = 1024;

    private final ByteBuffer[] views;
    private final int sampleLength;
    private final long datagrams;
    private final int[] lengths;
    private final long[] senderKeys;
    private long delivered;
    private int sinceRun;
    private long runs;
    private int repliesQueued;
    private LoopGroup group;

    /**
     * @param sample     the payload every datagram carries, between its position and limit
     * @param capacity   datagrams per receive: 1 like the NIO path, more like the batch path
     * @param datagrams  how many datagrams to deliver in all
     * @param bufferSize each message slot's size, bytes (at least the sample's length)
     */
    SyntheticDatagramSocket(ByteBuffer sample, int capacity, long datagrams, int bufferSize) {
        this.sampleLength = sample.remaining();
        this.datagrams = datagrams;
        this.views = new ByteBuffer[capacity];
        this.lengths = new int[capacity];
        this.senderKeys = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            ByteBuffer slot = ByteBuffer.allocateDirect(bufferSize);
            slot.put(sample.duplicate());
            views[i] = slot.asReadOnlyBuffer();
        }
    }

    /**
     * The group to stop after each run (see {@link #FULL_RUN_EVERY}) and once every datagram was
     * delivered; without one, the socket never stops and never pauses.
     */
    void stopWhenDone(LoopGroup loopGroup) {
        this.group = loopGroup;
    }

    /** Whether every datagram was delivered. */
    boolean done() {
        return delivered >= datagrams;
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Override
    public int receiveBufferSize() {
        return 0;
    }

    @Override
    public int sendBufferSize() {
        return 0;
    }

    @Override
    public int capacity() {
        return views.length;
    }

    @Override
    public int receive() {
        int runLength = runs % FULL_RUN_EVERY == FULL_RUN_EVERY - 1 ? views.length : 1;
        if (sinceRun >= runLength && group != null) {
            sinceRun = 0;
            runs++;
            group.requestStop();
            return 0;
        }
        int leftInRun = group != null ? runLength - sinceRun : Integer.MAX_VALUE;
        int count = (int) Math.min(Math.min(views.length, datagrams - delivered), leftInRun);
        for (int i = 0; i < count; i++) {
            long n = delivered + i;
            lengths[i] = sampleLength > 0 && n % UNDECODABLE_EVERY == UNDECODABLE_EVERY - 1
                    ? sampleLength - 1 : sampleLength;
            senderKeys[i] = SENDER_KEY + n % SENDER_KEYS;
        }
        delivered += count;
        sinceRun += count;
        if (count == 0 && group != null) {
            group.requestStop();
        }
        return count;
    }

    @Override
    public int length(int index) {
        return lengths[index];
    }

    @Override
    public boolean truncated(int index) {
        return false;
    }

    @Override
    public ByteBuffer payload(int index) {
        return views[index];
    }

    @Override
    public long senderKey(int index) {
        return senderKeys[index];
    }

    @Override
    public InetSocketAddress sender(int index) {
        return SENDER;
    }

    /**
     * Consumes the reply as a send would, nothing being sent: at once with a capacity of one, like
     * the NIO path, else queued until {@link #flushReplies}, like the batch path.
     */
    @Override
    public int reply(int index, ByteBuffer reply) {
        reply.position(reply.limit());
        if (views.length == 1) {
            return SENT;
        }
        repliesQueued++;
        return QUEUED;
    }

    @Override
    public void flushReplies(ReplyOutcomes outcomes) {
        if (repliesQueued > 0) {
            outcomes.sent(repliesQueued);
            repliesQueued = 0;
        }
    }

    @Override
    public void awaitReadable(long timeoutNanos) {
        // Nothing to wait for: the next receive either delivers or has stopped the group.
    }

    @Override
    public void wakeup() {
        // Never blocks.
    }

    @Override
    public boolean trySend(ByteBuffer payload, InetSocketAddress target) {
        payload.position(payload.limit());
        return true;
    }

    @Override
    public long socketDrops() {
        return 0;
    }

    @Override
    public long inode() {
        return -1;
    }

    @Override
    public void close() {
        // No resources.
    }
}
