package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.spi.CodecProvider;
import java.util.List;

/**
 * Provides the {@code struct} codec: the spec is a CPython struct format (for example
 * {@code "! I 2s Q 2h f"}) and each datagram is one record of it, decoded to a
 * {@code List<Object>} (a {@link StructReader}) with the value mapping of {@link Struct}.
 * Found through {@link java.util.ServiceLoader}; applications normally use it via
 * {@code CodecRegistry.create("struct", spec)}.
 */
public final class StructCodecProvider implements CodecProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public StructCodecProvider() {
    }

    /**
     * The codec name.
     *
     * @return {@code "struct"}
     */
    @Override
    public String name() {
        return "struct";
    }

    /**
     * A one-line description for listings.
     *
     * @return what the codec does and what its spec is
     */
    @Override
    public String description() {
        return "CPython struct records; spec is a struct format such as '! I 2s Q 2h f'";
    }

    /**
     * Compiles {@code spec} into a codec of {@code List<Object>} records.
     *
     * @param spec a CPython struct format
     * @return a thread-safe codec; decode needs exactly the format's size in bytes
     * @throws CodecException if the spec is null or not a valid format (with the
     *     {@link StructException} message)
     */
    @Override
    public Codec<List<Object>> create(String spec) {
        if (spec == null) {
            throw new CodecException("struct codec needs a format spec, got none");
        }
        try {
            return new StructCodec(Struct.compile(spec));
        } catch (StructException e) {
            throw new CodecException("bad struct format '" + spec + "': " + e.getMessage(), e);
        }
    }
}
