package io.udpkit.core;

/**
 * A snapshot of one sink's delivery counters, taken by {@link SinkQueue#stats()}.
 *
 * <p>Every value handed to the sink ({@link #accepted()}) ends in exactly one of
 * {@link #delivered()}, {@link #dropped()} (by reason) or {@link #failed()}; the ones that have
 * not yet are {@link #unconfirmed()}: queued, in flight, or, after
 * {@link SinkQueue#close(java.time.Duration) close}, left without confirmation when the deadline
 * passed. So {@code accepted == delivered + dropped + failed + unconfirmed} in every snapshot.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class SinkStats {

    private final String name;
    private final long accepted;
    private final long delivered;
    private final long droppedQueueFull;
    private final long droppedTooLarge;
    private final long droppedRefused;
    private final long failed;

    SinkStats(String name, long accepted, long delivered, long droppedQueueFull,
            long droppedTooLarge, long droppedRefused, long failed) {
        this.name = name;
        this.accepted = accepted;
        this.delivered = delivered;
        this.droppedQueueFull = droppedQueueFull;
        this.droppedTooLarge = droppedTooLarge;
        this.droppedRefused = droppedRefused;
        this.failed = failed;
    }

    /**
     * The sink's name, as in {@code --sink NAME}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Values the receive loop handed to the sink.
     *
     * @return the count
     */
    public long accepted() {
        return accepted;
    }

    /**
     * Records the destination confirmed.
     *
     * @return the count
     */
    public long delivered() {
        return delivered;
    }

    /**
     * Records dropped for any reason.
     *
     * @return the sum of the per-reason counts
     */
    public long dropped() {
        return droppedQueueFull + droppedTooLarge + droppedRefused;
    }

    /**
     * Records dropped for one reason.
     *
     * @param reason the reason
     * @return the count
     */
    public long dropped(DropReason reason) {
        switch (reason) {
            case QUEUE_FULL:
                return droppedQueueFull;
            case TOO_LARGE:
                return droppedTooLarge;
            case REFUSED:
            default:
                return droppedRefused;
        }
    }

    /**
     * Records whose delivery failed.
     *
     * @return the count
     */
    public long failed() {
        return failed;
    }

    /**
     * Records neither delivered, dropped nor failed (yet): queued or waiting for the
     * destination's confirmation.
     *
     * @return {@code accepted - delivered - dropped - failed}
     */
    public long unconfirmed() {
        return accepted - delivered - dropped() - failed;
    }

    /**
     * The counters as one compact JSON object, e.g. {@code {"sink":"kafka","accepted":3,
     * "delivered":2,"dropped":{"queueFull":1,"tooLarge":0,"refused":0},"failed":0,
     * "unconfirmed":0}}.
     *
     * @return compact JSON
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(160).append("{\"sink\":\"").append(name)
                .append("\",\"accepted\":").append(accepted)
                .append(",\"delivered\":").append(delivered)
                .append(",\"dropped\":{");
        for (DropReason reason : DropReason.values()) {
            if (reason.ordinal() > 0) {
                json.append(',');
            }
            json.append('"').append(reason.jsonName()).append("\":").append(dropped(reason));
        }
        return json.append("},\"failed\":").append(failed)
                .append(",\"unconfirmed\":").append(unconfirmed()).append('}').toString();
    }

    /** Returns {@link #toJson()}. */
    @Override
    public String toString() {
        return toJson();
    }
}
