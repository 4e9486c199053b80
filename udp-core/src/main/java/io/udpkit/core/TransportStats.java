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
    private final long socketDrops;

    TransportStats(long received, long decoded, long undecodable, long replied, long truncated,
            long handlerErrors, long rateLimited, long oversizedReplies, long socketDrops) {
        this.received = received;
        this.decoded = decoded;
        this.undecodable = undecodable;
        this.replied = replied;
        this.truncated = truncated;
        this.handlerErrors = handlerErrors;
        this.rateLimited = rateLimited;
        this.oversizedReplies = oversizedReplies;
        this.socketDrops = socketDrops;
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
     * Datagrams the kernel dropped for this endpoint's socket, chiefly because its receive buffer
     * was full: the kernel's per-socket counter, asked for directly on the batch path
     * ({@code getsockopt(SO_MEMINFO)}), else the {@code drops} column of the socket's own line in
     * {@code /proc/net/udp} (or {@code udp6}), matched by inode; the two are the same figure. Only
     * this socket's losses count; they never reached {@link #received()}. After close, the figure
     * at closing.
     *
     * @return the count of dropped datagrams, or -1 if unknown (no {@code /proc}, socket not
     *         found)
     */
    public long socketDrops() {
        return socketDrops;
    }

    /**
     * The counters as one line of JSON, in a fixed order:
     * {@code {"received":N,"decoded":N,"undecodable":N,"replied":N,"truncated":N,
     * "handlerErrors":N,"rateLimited":N,"oversizedReplies":N,"socketDrops":N}}.
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
                + ",\"socketDrops\":" + socketDrops
                + "}";
    }

    /** Returns {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson();
    }
}
