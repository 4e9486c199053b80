package io.udpkit.core;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Turns one datagram payload into a value of type {@code T} and back.
 *
 * <p>A codec knows nothing about sockets: it sees bytes only. One datagram is one message, so
 * {@link #decode} consumes a whole payload and {@link #encode} must never produce more than
 * {@link DatagramLimits#MAX_UDP_PAYLOAD} bytes.
 *
 * <p>Instances are immutable and safe to share between threads. A receive loop that wants to avoid
 * allocating per datagram asks for a {@link #newDecoder() single-threaded decoder}, which may
 * return one reusable object for every call.
 *
 * @param <T> the type of decoded values
 */
public interface Codec<T> {

    /**
     * Decodes the bytes between the buffer's position and limit.
     *
     * <p>The buffer's position, limit and byte order are unchanged on return, whether or not
     * decoding succeeds. The value returned does not share state with the buffer: it stays valid
     * after the buffer is reused.
     *
     * @param payload the datagram payload, from position to limit
     * @return the decoded value, never {@code null}
     * @throws CodecException if the payload is not a valid message for this codec
     */
    T decode(ByteBuffer payload);

    /**
     * Encodes {@code value} at the buffer's position and advances the position past the bytes
     * written. On failure the buffer's position is unchanged and its contents between position and
     * limit are unspecified.
     *
     * @param value the value to encode, not {@code null}
     * @param out   where the encoded bytes go
     * @throws CodecException if the value cannot be encoded by this codec, or the encoded form does
     *                        not fit between the buffer's position and limit
     */
    void encode(T value, ByteBuffer out);

    /**
     * Returns a decoder for use by one thread at a time, such as a receive loop.
     *
     * <p>The decoder may return the same mutable object from every call, re-pointed at the new
     * payload (a flyweight): such a value is valid only until the next call and may read the
     * payload buffer directly, so a caller that keeps it must copy it first. The default
     * implementation delegates to {@link #decode}.
     *
     * @return a new decoder
     */
    default Decoder<T> newDecoder() {
        return this::decode;
    }

    /**
     * One payload this codec decodes, for driving a receive path on synthetic datagrams before
     * real traffic arrives (udp-server's start-up warm-up). A codec that cannot make one returns
     * empty, the default.
     *
     * @return a new buffer holding one valid message between position 0 and its limit, or empty
     * @since 0.1.0
     */
    default Optional<ByteBuffer> samplePayload() {
        return Optional.empty();
    }
}
