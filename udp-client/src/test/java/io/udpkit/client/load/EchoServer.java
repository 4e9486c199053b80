package io.udpkit.client.load;

import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import io.udpkit.core.codec.RawCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A UdpEndpoint on 127.0.0.1 serving on a daemon thread: echoes every datagram, or stays silent. */
public final class EchoServer implements AutoCloseable {

    private final UdpEndpoint endpoint;
    private final Thread loop;

    private EchoServer(boolean echo) throws IOException {
        endpoint = UdpEndpoint.open(TransportConfig.builder()
                .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .receiveBufferSize(4 << 20)
                .build());
        loop = new Thread(() -> {
            try {
                endpoint.serve(RawCodec.INSTANCE, (payload, datagram) -> {
                    if (echo) {
                        datagram.reply(datagram.payload());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "echo-server");
        loop.setDaemon(true);
        loop.start();
    }

    /** Starts a server that echoes each datagram back to its sender. */
    public static EchoServer echoing() throws IOException {
        return new EchoServer(true);
    }

    /** Starts a server that receives and never replies. */
    public static EchoServer silent() throws IOException {
        return new EchoServer(false);
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return endpoint.localAddress();
    }

    /** Datagrams the server received so far. */
    public long received() {
        return endpoint.stats().received();
    }

    @Override
    public void close() throws IOException {
        endpoint.stop();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
    }
}
