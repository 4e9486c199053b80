package io.udpkit.core;

/**
 * A snapshot of a {@link UdpEndpoint}'s counters, taken by {@link UdpEndpoint#stats()}.
 *
 * <p>Every datagram the loop reads ends in exactly one of {@link #rateLimited()},
 * {@link #truncated()}, {@link #undecodable()} or {@link #decoded()}, so once the loop is idle
 * {@code received == rateLimited + truncated + undecodable + decoded}. While it runs, each counter
 * is exact at some instant during the snapshot, but they are not read atomically together.
 * Immutable.
 */
public final class TransportStats {

    private final long received;
    private final long decoded;
    private final long undecodable;
    private final long replied;
    private final long truncated;
    private final long handlerErrors;
    private final long rateLimited;
    private final long oversizedReplies;
    private final long kernelDrops;

    TransportStats(long received, long decoded, long undecodable, long replied, long truncated,
            long handlerErrors, long rateLimited, long oversizedReplies, long kernelDrops) {
        this.received = received;
        this.decoded = decoded;
        this.undecodable = undecodable;
        this.replied = replied;
        this.truncated = truncated;
        this.handlerErrors = handlerErrors;
        this.rateLimited = rateLimited;
        this.oversizedReplies = oversizedReplies;
        this.kernelDrops = kernelDrops;
    }

    /**
     * Datagrams read from the socket, whatever became of them.
     *
     * @return the count of datagrams
     */
    public long received() {
        return received;
    }

    /**
     * Datagrams the codec decoded and the loop handed to the handler.
     *
     * @return the count of datagrams
     */
    public long decoded() {
        return decoded;
    }

    /**
     * Datagrams the codec rejected (a {@link CodecException}, or any other exception from the
     * codec, which is also counted in {@link #handlerErrors()}).
     *
     * @return the count of datagrams
     */
    public long undecodable() {
        return undecodable;
    }

    /**
     * Replies sent through {@link InboundDatagram#reply}.
     *
     * @return the count of datagrams sent
     */
    public long replied() {
        return replied;
    }

    /**
     * Datagrams larger than the configured maximum size, dropped without decoding.
     *
     * @return the count of datagrams
     */
    public long truncated() {
        return truncated;
    }

    /**
     * Exceptions thrown by handlers, non-{@link CodecException} failures of the codec, and replies
     * the socket could not send.
     *
     * @return the count of failures
     */
    public long handlerErrors() {
        return handlerErrors;
    }

    /**
     * Datagrams dropped, before decoding, because their source exceeded its rate.
     *
     * @return the count of datagrams
     */
    public long rateLimited() {
        return rateLimited;
    }

    /**
     * Replies refused because they were larger than the datagram they answered.
     *
     * @return the count of refused replies
     */
    public long oversizedReplies() {
        return oversizedReplies;
    }

    /**
     * How much the kernel's host-wide UDP {@code RcvbufErrors} counter (in {@code /proc/net/snmp})
     * grew since the endpoint opened: datagrams dropped because a socket's receive buffer was
     * full. It counts every UDP socket in the network namespace, so other sockets' drops show
     * here too.
     *
     * @return the count of dropped datagrams, or -1 if {@code /proc/net/snmp} is unreadable
     */
    public long kernelDrops() {
        return kernelDrops;
    }

    /**
     * The counters as one line of JSON, in a fixed order:
     * {@code {"received":N,"decoded":N,"undecodable":N,"replied":N,"truncated":N,
     * "handlerErrors":N,"rateLimited":N,"oversizedReplies":N,"kernelDrops":N}}.
     *
     * @return the JSON object, without whitespace
     */
    public String toJson() {
        return "{\"received\":" + received
                + ",\"decoded\":" + decoded
                + ",\"undecodable\":" + undecodable
                + ",\"replied\":" + replied
                + ",\"truncated\":" + truncated
                + ",\"handlerErrors\":" + handlerErrors
                + ",\"rateLimited\":" + rateLimited
                + ",\"oversizedReplies\":" + oversizedReplies
                + ",\"kernelDrops\":" + kernelDrops
                + "}";
    }

    /** Returns {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson();
    }
}
