package io.udpkit.core.codec;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A datagram's bytes as they are. {@link #decode} returns a read-only copy;
 * {@link #newDecoder()} returns the payload buffer itself, copying nothing. Stateless and
 * thread-safe.
 */
public final class RawCodec implements Codec<ByteBuffer> {

    /** The one instance; the codec has no state. */
    public static final RawCodec INSTANCE = new RawCodec();

    private static final Decoder<ByteBuffer> ZERO_COPY = payload -> payload;

    private RawCodec() {
    }

    /**
     * Copies the bytes between the payload's position and limit.
     *
     * @param payload the datagram payload; its position and limit are unchanged
     * @return a new read-only buffer holding a copy, position 0, limit = its length
     */
    @Override
    public ByteBuffer decode(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy.asReadOnlyBuffer();
    }

    /**
     * Copies the bytes between {@code value}'s position and limit to {@code out}, advancing
     * {@code out}'s position; {@code value} is unchanged.
     *
     * @param value the bytes to write
     * @param out   where they go
     * @throws CodecException if they do not fit in {@code out}, or exceed the UDP maximum
     */
    @Override
    public void encode(ByteBuffer value, ByteBuffer out) {
        int size = value.remaining();
        if (size > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw new CodecException("raw: " + size + " bytes exceed the UDP maximum of "
                    + DatagramLimits.MAX_UDP_PAYLOAD);
        }
        if (size > out.remaining()) {
            throw new CodecException("raw: " + size + " bytes do not fit in the "
                    + out.remaining() + " bytes remaining in the buffer");
        }
        out.put(value.duplicate());
    }

    /**
     * A decoder that returns the payload buffer it is given, without copying: the value is valid
     * only while the receive buffer holds that datagram.
     *
     * @return a zero-copy decoder
     */
    @Override
    public Decoder<ByteBuffer> newDecoder() {
        return ZERO_COPY;
    }

    /** A short ASCII text: any bytes are a raw message, and these are also valid UTF-8. */
    @Override
    public Optional<ByteBuffer> samplePayload() {
        return Optional.of(ByteBuffer.wrap(new byte[] {'w', 'a', 'r', 'm', '-', 'u', 'p'}));
    }

    @Override
    public String toString() {
        return "raw";
    }
}
