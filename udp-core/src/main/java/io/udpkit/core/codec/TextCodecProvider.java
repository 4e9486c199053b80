package io.udpkit.core.codec;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.spi.CodecProvider;

/** Provides {@link TextCodec} under the name {@code text}; it takes no spec. */
public final class TextCodecProvider implements CodecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public TextCodecProvider() {
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code "text"}
     */
    @Override
    public String name() {
        return "text";
    }

    @Override
    public String description() {
        return "UTF-8 text; malformed bytes are rejected, never replaced (no spec)";
    }

    /**
     * {@inheritDoc}
     *
     * @param spec must be empty
     * @return {@link TextCodec#INSTANCE}
     * @throws CodecException if {@code spec} is not empty
     */
    @Override
    public Codec<String> create(String spec) {
        SpecCheck.requireEmpty(name(), spec);
        return TextCodec.INSTANCE;
    }

    /**
     * The type of the values the codec decodes and encodes.
     *
     * @return {@code String.class}
     */
    @Override
    public Class<String> valueType() {
        return String.class;
    }
}
