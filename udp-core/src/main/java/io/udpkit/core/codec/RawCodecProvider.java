package io.udpkit.core.codec;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.spi.CodecProvider;
import java.nio.ByteBuffer;

/** Provides {@link RawCodec} under the name {@code raw}; it takes no spec. */
public final class RawCodecProvider implements CodecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public RawCodecProvider() {
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "raw"}
     */
    @Override
    public String name() {
        return "raw";
    }

    @Override
    public String description() {
        return "payload bytes as they are (no spec)";
    }

    /**
     * {@inheritDoc}
     *
     * @param spec must be empty
     * @return {@link RawCodec#INSTANCE}
     * @throws CodecException if {@code spec} is not empty
     */
    @Override
    public Codec<ByteBuffer> create(String spec) {
        SpecCheck.requireEmpty(name(), spec);
        return RawCodec.INSTANCE;
    }

    /**
     * The type of the values the codec decodes and encodes.
     *
     * @return {@code ByteBuffer.class}
     */
    @Override
    public Class<ByteBuffer> valueType() {
        return ByteBuffer.class;
    }
}
