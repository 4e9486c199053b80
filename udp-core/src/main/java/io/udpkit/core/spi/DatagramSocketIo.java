package io.udpkit.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One bound UDP socket as a receive loop drives it: take what is queued in one call, look at each
 * message by its index in that call, answer them, then send the answers.
 *
 * <p>A receive loop calls {@link #receive()}, then for each index below the count it returned
 * reads {@link #length}, {@link #truncated}, {@link #senderKey} and {@link #payload}, maybe
 * {@link #sender} and {@link #reply}, and finally {@link #flushReplies}. The values for an index are
 * valid until the next {@code receive()}. Only the loop's thread calls these methods, except
 * {@link #wakeup()}, {@link #trySend}, {@link #socketDrops()} and {@link #close()}, which any
 * thread may call. In the steady state none of the loop's methods allocates, {@link #sender} and
 * a failing send excepted.
 *
 * @since 0.2
 */
public interface DatagramSocketIo extends Closeable {

    /** {@link #reply} result: the reply was handed to the kernel before the call returned. */
    int SENT = 0;

    /** {@link #reply} result: the reply was copied and will be sent by {@link #flushReplies}. */
    int QUEUED = 1;

    /** {@link #reply} result: the socket's send buffer was full; the reply was not sent. */
    int SEND_BUFFER_FULL = 2;

    /**
     * The bound address; the port is the kernel's choice when 0 was asked for.
     *
     * @return the local address
     */
    InetSocketAddress localAddress();

    /**
     * The SO_RCVBUF the kernel reports for this socket.
     *
     * @return bytes
     * @throws IOException if the option cannot be read
     */
    int receiveBufferSize() throws IOException;

    /**
     * The SO_SNDBUF the kernel reports for this socket.
     *
     * @return bytes
     * @throws IOException if the option cannot be read
     */
    int sendBufferSize() throws IOException;

    /**
     * The most messages one {@link #receive()} returns: 1 when the path reads one datagram per
     * system call.
     *
     * @return 1 or more
     */
    int capacity();

    /**
     * Takes the datagrams queued on the socket, up to {@link #capacity()}, without waiting.
     *
     * @return how many were taken, 0 when none was queued
     * @throws java.nio.channels.ClosedChannelException if the socket was closed
     * @throws IOException                               if the socket fails
     */
    int receive() throws IOException;

    /**
     * The number of payload bytes of message {@code index} that were stored: never more than
     * the configured maximum datagram size unless {@link #truncated} says the datagram was larger.
     *
     * @param index 0 to the count {@link #receive()} returned, exclusive
     * @return the stored length
     */
    int length(int index);

    /**
     * Whether message {@code index} was larger than the configured maximum datagram size, so its
     * payload is incomplete.
     *
     * @param index the message
     * @return {@code true} if the datagram was cut
     */
    boolean truncated(int index);

    /**
     * The payload of message {@code index}, as a read-only view reused for that index: the caller
     * sets its position, limit and byte order before each use.
     *
     * @param index the message
     * @return the view over the stored bytes
     */
    ByteBuffer payload(int index);

    /**
     * A key for the sender's address and port, for rate limiting without an address object: equal
     * for equal senders, different for different IPv4 senders, different for different IPv6
     * senders except by rare hash collision, and never 0.
     *
     * @param index the message
     * @return the key
     */
    long senderKey(int index);

    /**
     * The sender of message {@code index} as an address object; may allocate one.
     *
     * @param index the message
     * @return the sender
     */
    InetSocketAddress sender(int index);

    /**
     * Answers message {@code index}: sends the bytes between the reply's position and limit to its
     * sender as one datagram, or copies them for {@link #flushReplies}, and advances the position
     * past them unless the result is {@link #SEND_BUFFER_FULL}.
     *
     * @param index the message answered
     * @param reply the bytes, at most {@link io.udpkit.core.DatagramLimits#MAX_UDP_PAYLOAD}
     * @return {@link #SENT}, {@link #QUEUED} or {@link #SEND_BUFFER_FULL}
     * @throws IOException if the send fails
     */
    int reply(int index, ByteBuffer reply) throws IOException;

    /**
     * Sends the replies {@link #reply} queued since the last call, reporting what became of them.
     * Does nothing when none is queued.
     *
     * @param outcomes told how many were sent and how many failed
     */
    void flushReplies(ReplyOutcomes outcomes);

    /**
     * Waits until a datagram is queued, the timeout passes, or {@link #wakeup()} is called.
     *
     * @param timeoutNanos how long at most; 0 means no limit
     * @throws java.nio.channels.ClosedChannelException if the socket was closed
     * @throws IOException                               if waiting fails
     */
    void awaitReadable(long timeoutNanos) throws IOException;

    /**
     * Waits until a datagram is queued, the timeout passes or {@link #wakeup()} is called, then
     * takes what is queued: {@link #awaitReadable} followed by {@link #receive}, which is what this
     * default does. A path that can wait and receive in one system call overrides it (the batch
     * path blocks in {@code recvmmsg} with {@code MSG_WAITFORONE}): one call per wake-up instead of
     * two when the sender, not the receiver, sets the pace. Like {@link #awaitReadable} it may
     * return early, with 0.
     *
     * @param timeoutNanos how long to wait at most; 0 means no limit
     * @return how many messages were received, 0 if none
     * @throws java.nio.channels.ClosedChannelException if the socket was closed
     * @throws IOException                               if waiting or receiving fails
     * @since 0.2
     */
    default int awaitAndReceive(long timeoutNanos) throws IOException {
        awaitReadable(timeoutNanos);
        return receive();
    }

    /**
     * Switches this socket, for {@link io.udpkit.core.IdleStrategy#RECEIVE}, so that
     * {@link #awaitAndReceive} sleeps inside the receive call itself, until a datagram or
     * {@link #wakeup()}. While it is on, {@link #receive()} may block as well: the loop calls only
     * {@code awaitAndReceive}, and treats each call's messages as one batch. A path that already
     * waits inside its receive call, or cannot, returns {@code false} and stays as it is.
     *
     * @return whether the socket now waits inside the receive call
     * @throws IOException if switching fails
     * @since 0.2
     */
    default boolean startBlockingReceive() throws IOException {
        return false;
    }

    /**
     * Undoes {@link #startBlockingReceive()}; does nothing if it returned {@code false} or the
     * socket is closed.
     *
     * @throws IOException if switching back fails
     * @since 0.2
     */
    default void stopBlockingReceive() throws IOException {
    }

    /**
     * Makes a current or the next {@link #awaitReadable} or {@link #awaitAndReceive} return at
     * once. Any thread.
     */
    void wakeup();

    /**
     * Sends one datagram without waiting for room in the send buffer. Any thread.
     *
     * @param payload the bytes between position and limit; the position advances when sent
     * @param target  where to
     * @return {@code false} if the send buffer was full and nothing was sent
     * @throws IOException if the send fails
     */
    boolean trySend(ByteBuffer payload, InetSocketAddress target) throws IOException;

    /**
     * Datagrams the kernel dropped for this socket because its receive buffer was full, as far as
     * this path knows it without reading {@code /proc}: the batch path asks the kernel for the
     * socket's counter ({@code getsockopt(SO_MEMINFO)}) on each call. Any thread; not for a hot
     * path.
     *
     * @return the count, or -1 when this path does not track it or the socket is closed
     */
    long socketDrops();

    /**
     * The socket's inode number, which names it in {@code /proc/net/udp} and {@code /proc/net/udp6}.
     *
     * @return the inode, or -1 when unknown
     */
    long inode();

    /**
     * Closes the socket. Idempotent; any thread. A loop in {@link #awaitReadable} or
     * {@link #receive} then fails with {@link java.nio.channels.ClosedChannelException}.
     *
     * @throws IOException if closing fails
     */
    @Override
    void close() throws IOException;

    /**
     * What became of queued replies; implemented by the receive loop, which counts them.
     *
     * @since 0.2
     */
    interface ReplyOutcomes {

        /**
         * Replies handed to the kernel.
         *
         * @param count how many
         */
        void sent(int count);

        /**
         * Replies not sent: the send buffer was full, or the kernel refused them.
         *
         * @param count  how many
         * @param reason one line, such as {@code "the socket send buffer is full"}
         */
        void notSent(int count, String reason);
    }
}
