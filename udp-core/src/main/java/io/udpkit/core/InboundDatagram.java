package io.udpkit.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One received datagram as a {@link DatagramHandler} sees it: who sent it, its bytes, and a way to
 * answer.
 *
 * <p>The receive loop reuses one instance for every datagram, so an instance is valid only during
 * the handler call it was passed to; afterwards every method throws
 * {@link IllegalStateException}. Methods must be called on the loop's thread.
 */
public interface InboundDatagram {

    /**
     * The address and port the datagram came from (not verified: UDP source addresses can be
     * spoofed).
     *
     * <p>On the batch I/O path the sender is kept as raw address bytes and this method builds an
     * address object the first time it is called for a datagram: a handler that must not allocate
     * per datagram does not call it. (Rate limiting never needs it.)
     *
     * @return the sender
     * @throws IllegalStateException if used after the handler call returned
     */
    InetSocketAddress sender();

    /**
     * The payload as a read-only view of the receive buffer: position 0, limit {@link #length()},
     * big-endian. The view is shared with the codec and reset before each datagram; its contents
     * change with the next datagram.
     *
     * @return the payload bytes
     * @throws IllegalStateException if used after the handler call returned
     */
    ByteBuffer payload();

    /**
     * The payload's size.
     *
     * @return the number of payload bytes, 0 to the configured maximum datagram size
     * @throws IllegalStateException if used after the handler call returned
     */
    int length();

    /**
     * Sends the bytes between {@code reply}'s position and limit to the {@link #sender()} as one
     * datagram, and advances the position past them when accepted.
     *
     * <p>On the NIO path the datagram is handed to the kernel before this method returns. On the
     * batch path the bytes are copied and the batch's replies go out together in one
     * {@code sendmmsg} call after the handler has seen every datagram of the batch, before
     * {@link DatagramHandler#onBatchEnd()}; a reply the kernel then refuses is counted as a handler
     * error and logged, and {@code true} here meant only "accepted". (Changed in 0.2: before, it
     * always meant "handed to the kernel".)
     *
     * <p>A reply larger than this datagram is refused unless
     * {@link TransportConfig#allowLargerReplies()} is set, so the endpoint cannot amplify a spoofed
     * request: it is counted as {@link TransportStats#oversizedReplies() oversizedReplies} and not
     * sent. A reply the socket cannot take (an I/O error, or a full send buffer) is counted as a
     * {@link TransportStats#handlerErrors() handler error} and logged, rate-limited. Each reply
     * sent counts as {@link TransportStats#replied() replied}.
     *
     * @param reply the bytes to send, position to limit
     * @return {@code true} if the datagram was sent (NIO) or queued for sending (batch),
     *         {@code false} if it was refused or could not be sent
     * @throws IllegalStateException if used after the handler call returned
     */
    boolean reply(ByteBuffer reply);
}
