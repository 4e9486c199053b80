/**
 * udpkit's transport and Codec SPI: a UDP receive loop, sending, socket options and lifecycle,
 * the {@link io.udpkit.core.spi.CodecProvider} service that codec modules implement, and the
 * built-in {@code raw} and {@code text} codecs.
 */
module io.udpkit.core {
    requires org.slf4j;

    exports io.udpkit.core;
    exports io.udpkit.core.codec;
    exports io.udpkit.core.spi;

    uses io.udpkit.core.spi.CodecProvider;
    uses io.udpkit.core.spi.TransportProvider;

    provides io.udpkit.core.spi.CodecProvider with
            io.udpkit.core.codec.RawCodecProvider,
            io.udpkit.core.codec.TextCodecProvider;
}
