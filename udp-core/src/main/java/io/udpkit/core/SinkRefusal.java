package io.udpkit.core;

/**
 * Thrown by {@link Sink#capture} to drop one value with a {@link DropReason}; counted, never
 * logged per value. It carries no stack trace, so a sink may keep one instance per reason.
 *
 * @since 0.1.0
 */
public final class SinkRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reason, not serialised: an enum constant. */
    private final transient DropReason reason;

    /**
     * @param reason  why the value is dropped
     * @param message what the sink could not do, for the first log line
     */
    public SinkRefusal(DropReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /**
     * Why the value is dropped.
     *
     * @return the reason
     */
    public DropReason reason() {
        return reason;
    }
}
