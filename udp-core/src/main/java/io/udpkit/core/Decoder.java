package io.udpkit.core;

import java.nio.ByteBuffer;

/**
 * A decoder owned by one thread, obtained from {@link Codec#newDecoder()}.
 *
 * <p>Unlike {@link Codec#decode}, the value returned may be a reusable view of {@code payload}
 * that is valid only until the next call, and only while the payload's bytes are unchanged.
 *
 * @param <T> the type of decoded values
 */
@FunctionalInterface
public interface Decoder<T> {

    /**
     * Decodes the bytes between the buffer's position and limit, leaving position and limit as
     * they were.
     *
     * @param payload the datagram payload
     * @return the decoded value, possibly a reused view
     * @throws CodecException if the payload is not a valid message for the codec
     */
    T decode(ByteBuffer payload);
}
