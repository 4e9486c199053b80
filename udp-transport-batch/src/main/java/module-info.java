/**
 * udpkit's {@code batch} I/O path: {@code recvmmsg}/{@code sendmmsg} through the Foreign Function
 * and Memory API on JDK 22+ (Linux, x86_64 and aarch64). udp-core finds it with
 * {@link java.util.ServiceLoader}; on older JDKs and other platforms it reports itself unavailable
 * and the NIO path runs. On the module path, grant it native access:
 * {@code --enable-native-access=io.udpkit.transport.batch}.
 */
module io.udpkit.transport.batch {
    requires io.udpkit.core;

    provides io.udpkit.core.spi.TransportProvider with
            io.udpkit.transport.batch.BatchTransportProvider;
}
