package io.udpkit.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Where decoded values go: a sink copies each value out of the receive loop, then delivers the
 * copy on a thread of its own.
 *
 * <p>A sink is split in two halves so that a slow or unreachable destination never holds up the
 * receive loop. {@link #capture} runs on the loop thread: it turns the value (often a flyweight,
 * valid only during the call) into a self-contained record of type {@code R}, without blocking and
 * without I/O. {@link SinkQueue} then puts the record in a bounded queue; the sink's own thread
 * takes it and calls {@link #deliver}. Every record ends in exactly one of delivered, dropped
 * (with a {@link DropReason}) or failed, which {@link SinkQueue} counts.
 *
 * <p>Lifecycle, on the sink's thread except {@link #capture} and {@link #recordBytes}:
 * {@link #open()} once, then {@link #deliver} for each record and {@link #flush()} after each
 * batch the loop ends, then {@link #close(Duration)} once. A sink is created, unopened, by its
 * {@link io.udpkit.core.spi.SinkProvider}.
 *
 * @param <R> the sink's own record type: what {@link #capture} copies a value into
 * @since 0.1.0
 */
public interface Sink<R> {

    /**
     * Prepares the destination (opens a socket, starts a client). Called once on the sink's
     * thread before the first {@link #deliver}; it may take time but should not wait for a
     * destination that is down: records are dropped or failed and counted instead.
     *
     * @throws Exception if the sink cannot work at all; its records are then counted as failed
     */
    void open() throws Exception;

    /**
     * Copies or serialises one decoded value (or its raw payload) into a record. Called on the
     * receive loop's thread: it must not block, do I/O or keep a reference to {@code value} or
     * {@code payload} (views that the next datagram overwrites). A transport that runs several
     * loops (one per socket on a shared port) calls it from each of them at once, so it must be
     * thread-safe.
     *
     * @param value         the decoded value, valid only during the call
     * @param payload       the datagram's bytes the value was decoded from, from position to
     *                      limit: a read-only view valid only during the call
     * @param sender        who sent the datagram
     * @param arrivalMillis when the loop received it, in milliseconds since the epoch
     * @return the record to deliver, never {@code null}
     * @throws SinkRefusal to drop this value with a reason (too large, refused), counted
     */
    R capture(Object value, ByteBuffer payload, InetSocketAddress sender, long arrivalMillis);

    /**
     * The memory a captured record holds, in bytes (roughly: its payload), so that the queue can
     * bound the bytes waiting as well as their number. Called on the loop thread.
     *
     * @param record a record from {@link #capture}
     * @return its size in bytes, zero or more
     */
    long recordBytes(R record);

    /**
     * Delivers one record, on the sink's thread. The sink reports the outcome through
     * {@code receipt} exactly once, now or later and from any thread (an asynchronous client's
     * callback); if it throws instead, the record is counted as failed and it must not also use
     * the receipt.
     *
     * @param record  a record from {@link #capture}
     * @param receipt where to report delivered, dropped or failed
     * @throws Exception if delivery failed; counted as failed
     */
    void deliver(R record, DeliveryReceipt receipt) throws Exception;

    /**
     * Pushes out what {@link #deliver} buffered, after the receive loop ended a batch of
     * datagrams and every record of that batch was delivered. Must not wait long: asynchronous
     * sinks that send on their own schedule do nothing here.
     *
     * @throws Exception if flushing failed; logged, the sink goes on
     */
    void flush() throws Exception;

    /**
     * Flushes and releases the destination, waiting at most {@code deadline} for records that
     * were delivered but not yet confirmed. Records still unconfirmed when it returns are
     * reported as such by {@link SinkQueue}, never silently lost.
     *
     * @param deadline the longest time to wait
     * @throws Exception if closing failed; logged
     */
    void close(Duration deadline) throws Exception;
}
