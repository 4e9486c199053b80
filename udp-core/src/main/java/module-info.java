/**
 * udpkit's transport, Codec SPI and Sink SPI: a UDP receive loop, sending, socket options and
 * lifecycle, the {@link io.udpkit.core.spi.CodecProvider} service that codec modules implement,
 * the built-in {@code raw} and {@code text} codecs, and the
 * {@link io.udpkit.core.spi.SinkProvider} service that sink modules implement, with the bounded
 * per-sink queue that runs them ({@link io.udpkit.core.SinkQueue}).
 */
module io.udpkit.core {
    requires org.slf4j;

    exports io.udpkit.core;
    exports io.udpkit.core.codec;
    exports io.udpkit.core.spi;

    uses io.udpkit.core.spi.CodecProvider;
    uses io.udpkit.core.spi.SinkProvider;
    uses io.udpkit.core.spi.TransportProvider;

    provides io.udpkit.core.spi.CodecProvider with
            io.udpkit.core.codec.RawCodecProvider,
            io.udpkit.core.codec.TextCodecProvider;
}
