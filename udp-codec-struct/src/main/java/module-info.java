/**
 * CPython-compatible {@code struct} packing and unpacking, and the {@code struct} codec provider.
 *
 * <p>Entry points: {@link io.udpkit.codec.struct.Struct} (compiled formats, boxed values) and
 * {@link io.udpkit.codec.struct.StructReader} (the allocation-free typed read path).
 */
module io.udpkit.codec.struct {
    requires transitive io.udpkit.core;

    exports io.udpkit.codec.struct;

    provides io.udpkit.core.spi.CodecProvider with io.udpkit.codec.struct.StructCodecProvider;
}
