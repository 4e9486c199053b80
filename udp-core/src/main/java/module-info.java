/**
 * udpkit's transport and Codec SPI: a UDP receive loop, sending, socket options and lifecycle,
 * and the {@link io.udpkit.core.spi.CodecProvider} service that codec modules implement.
 */
module io.udpkit.core {
    requires org.slf4j;

    exports io.udpkit.core;
    exports io.udpkit.core.spi;

    uses io.udpkit.core.spi.CodecProvider;
}
