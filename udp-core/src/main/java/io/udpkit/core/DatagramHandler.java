package io.udpkit.core;

/**
 * Receives the datagrams of a {@link UdpEndpoint#serve serve} loop, one at a time, on the loop's
 * thread. With {@link TransportConfig#threads()} above 1, a handler given to
 * {@link UdpEndpoint#serve(Codec, DatagramHandler)} is called from every loop's thread at once and
 * must be thread-safe; {@link UdpEndpoint#serve(Codec, java.util.function.IntFunction)} makes one
 * handler per loop instead.
 *
 * <p>Anything a handler throws is counted as
 * {@link TransportStats#handlerErrors() handlerErrors} and logged (rate-limited); the loop goes on
 * with the next datagram. An {@link Error} is not caught and ends the loop.
 *
 * @param <T> the type of values the loop's codec decodes
 */
@FunctionalInterface
public interface DatagramHandler<T> {

    /**
     * Called for every datagram the codec decoded.
     *
     * <p>{@code value} may be a flyweight reused for the next datagram (see
     * {@link Codec#newDecoder()}), and {@code datagram} is reused: both are valid only until this
     * method returns. Copy what must outlive the call.
     *
     * @param value    the decoded value
     * @param datagram the sender and raw payload, through which the handler may reply
     * @throws Exception anything; counted as a handler error, never fatal to the loop
     */
    void onMessage(T value, InboundDatagram datagram) throws Exception;

    /**
     * Called for a datagram the codec rejected, after it was counted as
     * {@link TransportStats#undecodable() undecodable}. The default does nothing; a handler that
     * replies to every datagram, decoded or not, overrides it.
     *
     * @param datagram the sender and raw payload, valid only until this method returns
     * @param error    why the codec rejected the payload; a decoder may reuse one instance for
     *                 every failure (the {@code struct} codec does), so it too is valid only
     *                 until this method returns
     * @throws Exception anything; counted as a handler error, never fatal to the loop
     */
    default void onUndecodable(InboundDatagram datagram, CodecException error) throws Exception {
    }

    /**
     * Called on the loop's thread after each batch of datagrams was handed to this handler, before
     * the loop waits or reads the next batch (Netty's {@code channelReadComplete}): the place to
     * flush what the handler buffered. On the batch I/O path a batch is what one {@code recvmmsg}
     * returned, and the batch's replies have been sent when this is called; on the NIO path it is
     * up to {@link TransportConfig#batchSize()} datagrams, or fewer when the socket ran dry. Not
     * called when no datagram arrived. The default does nothing.
     *
     * @throws Exception anything; counted as a handler error, never fatal to the loop
     * @since 0.2
     */
    default void onBatchEnd() throws Exception {
    }
}
