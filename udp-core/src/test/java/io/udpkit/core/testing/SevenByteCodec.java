package io.udpkit.core.testing;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A codec for warm-up tests: accepts exactly {@value #LENGTH}-byte payloads (the value is the
 * first byte) and, if asked to, offers the sample payload 1..7 that a warm-up pass sends.
 */
public final class SevenByteCodec implements Codec<Integer> {

    /** The one payload length it decodes. */
    public static final int LENGTH = 7;

    private final boolean withSample;

    private SevenByteCodec(boolean withSample) {
        this.withSample = withSample;
    }

    /**
     * The codec.
     *
     * @param withSample whether {@link #samplePayload()} offers a sample
     * @return a codec
     */
    public static SevenByteCodec create(boolean withSample) {
        return new SevenByteCodec(withSample);
    }

    @Override
    public Integer decode(ByteBuffer payload) {
        if (payload.remaining() != LENGTH) {
            throw new CodecException("need 7 bytes, got " + payload.remaining());
        }
        return (int) payload.get(payload.position());
    }

    @Override
    public void encode(Integer value, ByteBuffer out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ByteBuffer> samplePayload() {
        return withSample ? Optional.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7}))
                : Optional.empty();
    }
}
