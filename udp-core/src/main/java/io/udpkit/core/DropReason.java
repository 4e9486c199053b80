package io.udpkit.core;

/**
 * Why a {@link Sink} record was dropped without being sent; each reason is counted separately
 * in {@link SinkStats}.
 *
 * @since 0.1.0
 */
public enum DropReason {

    /** The sink's bounded queue (or its client's bounded buffer) was full: the newest is dropped. */
    QUEUE_FULL("queueFull"),

    /** The record is larger than the destination accepts. */
    TOO_LARGE("tooLarge"),

    /** The sink refused the value (a value it cannot represent, a key field that is missing). */
    REFUSED("refused");

    private final String jsonName;

    DropReason(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * The reason's key in {@link SinkStats#toJson()}.
     *
     * @return a camel-case name such as {@code queueFull}
     */
    public String jsonName() {
        return jsonName;
    }
}
