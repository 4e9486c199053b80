package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.spi.CodecProvider;

/**
 * Provides the {@code struct} codec: the spec is a CPython struct format (for example
 * {@code "! I 2s Q 2h f"}) and each datagram is one record of it, a {@link StructReader}, with
 * the value mapping of {@link Struct}. Found through {@link java.util.ServiceLoader}; code that
 * knows its format calls {@link Struct#codec()} directly, code that takes a codec name from
 * configuration calls {@code CodecRegistry.create("struct", spec, StructReader.class)}.
 */
public final class StructCodecProvider implements CodecProvider {

    /**
     * The longest spec accepted, in chars. A format describing a full 65,507-byte datagram needs
     * far fewer chars (repeat counts: {@code "65507s"}); even one code per byte written out with
     * spaces for readability stays well under this. Specs reach us from CLI args and config files;
     * refusing longer ones before parsing bounds the parse work and the size of error messages.
     */
    static final int MAX_SPEC_LENGTH = 4096;

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
     * The type of the values the codec decodes and encodes.
     *
     * @return {@code StructReader.class}
     */
    @Override
    public Class<StructReader> valueType() {
        return StructReader.class;
    }

    /**
     * Compiles {@code spec} into a codec of {@link StructReader} records.
     *
     * @param spec a CPython struct format
     * @return a thread-safe codec; decode needs exactly the format's size in bytes
     * @throws CodecException if the spec is null, longer than {@value #MAX_SPEC_LENGTH} chars,
     *     not a valid format (with the {@link StructException} message), or describes a record
     *     larger than {@code DatagramLimits.MAX_UDP_PAYLOAD} bytes
     */
    @Override
    public Codec<StructReader> create(String spec) {
        if (spec == null) {
            throw new CodecException("struct codec needs a format spec, got none");
        }
        if (spec.length() > MAX_SPEC_LENGTH) {
            throw new CodecException("struct format is " + spec.length() + " chars, longer than the "
                    + MAX_SPEC_LENGTH + " allowed");
        }
        Struct struct;
        try {
            struct = Struct.compile(spec);
        } catch (StructException e) {
            throw new CodecException("bad struct format '" + spec + "': " + e.getMessage(), e);
        }
        return struct.codec();
    }
}
