package io.udpkit.core;

/**
 * How a {@link Sink} reports what became of one record handed to {@link Sink#deliver}: exactly
 * one call per record, from any thread. Implementations are thread-safe and allocate nothing.
 *
 * @since 0.1.0
 */
public interface DeliveryReceipt {

    /** The destination confirmed the record (written, sent, acknowledged). */
    void delivered();

    /**
     * The sink gave the record up before trying to send it.
     *
     * @param reason why
     */
    void dropped(DropReason reason);

    /**
     * Sending the record failed (an error from the destination, a timeout).
     *
     * @param cause what went wrong, logged rate-limited
     */
    void failed(Throwable cause);
}
