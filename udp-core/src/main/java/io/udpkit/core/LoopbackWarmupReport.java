package io.udpkit.core;

import java.net.InetSocketAddress;

/**
 * What the loopback part of a warm-up did ({@link LoopWarmup#runOnLoopback}): which I/O path its
 * private socket used, where that socket was bound, how many datagrams were sent to it and how many
 * replies came back, and the counters of its own receive loop (never the server's).
 *
 * @since 0.2
 */
public final class LoopbackWarmupReport {

    private final String ioPath;
    private final InetSocketAddress localAddress;
    private final long sent;
    private final long repliesRead;
    private final TransportStats stats;
    private final long elapsedNanos;

    LoopbackWarmupReport(String ioPath, InetSocketAddress localAddress, long sent, long repliesRead,
            TransportStats stats, long elapsedNanos) {
        this.ioPath = ioPath;
        this.localAddress = localAddress;
        this.sent = sent;
        this.repliesRead = repliesRead;
        this.stats = stats;
        this.elapsedNanos = elapsedNanos;
    }

    /**
     * The I/O path of the private socket, as the endpoint would choose it: {@code nio} or
     * {@code batch}.
     *
     * @return the path's name
     */
    public String ioPath() {
        return ioPath;
    }

    /**
     * The private socket's address: a loopback address and an ephemeral port, never the server's.
     *
     * @return the address it was bound to
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Datagrams the private senders handed to the kernel.
     *
     * @return the count
     */
    public long sent() {
        return sent;
    }

    /**
     * Replies the private senders read back.
     *
     * @return the count
     */
    public long repliesRead() {
        return repliesRead;
    }

    /**
     * The private receive loop's own counters (received, decoded, undecodable, replied, ...).
     *
     * @return its counters when it ended
     */
    public TransportStats stats() {
        return stats;
    }

    /**
     * How long the part took, from opening the private socket to closing it.
     *
     * @return nanoseconds
     */
    public long elapsedNanos() {
        return elapsedNanos;
    }
}
