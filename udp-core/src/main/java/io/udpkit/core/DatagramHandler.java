package io.udpkit.core;

/**
 * Receives the datagrams of a {@link UdpEndpoint#serve serve} loop, one at a time, on the loop's
 * thread.
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
     * @param error    why the codec rejected the payload
     * @throws Exception anything; counted as a handler error, never fatal to the loop
     */
    default void onUndecodable(InboundDatagram datagram, CodecException error) throws Exception {
    }

    /**
     * Called once after each batch of datagrams on the loop thread.
     *
     * <p>A batch is the datagrams the loop read before the socket had no more for it; a handler
     * that buffers (a sink, an output writer) flushes here. The default does nothing. Anything
     * it throws is counted as a {@link TransportStats#handlerErrors() handler error}.
     *
     * @throws Exception anything; counted as a handler error, never fatal to the loop
     */
    default void onBatchEnd() throws Exception {
    }
}
