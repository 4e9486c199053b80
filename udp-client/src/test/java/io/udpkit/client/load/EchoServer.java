package io.udpkit.client.load;

import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import io.udpkit.core.codec.RawCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;

/**
 * A UdpEndpoint on 127.0.0.1 serving on a daemon thread: echoes every datagram, stays silent, or
 * answers by a rule (drop, duplicate, transform).
 */
public final class EchoServer implements AutoCloseable {

    private final UdpEndpoint endpoint;
    private final Thread loop;

    private EchoServer(Function<byte[], List<byte[]>> replies) throws IOException {
        endpoint = UdpEndpoint.open(TransportConfig.builder()
                .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .receiveBufferSize(4 << 20)
                .build());
        loop = new Thread(() -> {
            try {
                endpoint.serve(RawCodec.INSTANCE, (payload, datagram) -> {
                    byte[] request = new byte[datagram.payload().remaining()];
                    datagram.payload().get(request);
                    for (byte[] reply : replies.apply(request)) {
                        datagram.reply(ByteBuffer.wrap(reply));
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
        return new EchoServer(List::of);
    }

    /** Starts a server that receives and never replies. */
    public static EchoServer silent() throws IOException {
        return new EchoServer(request -> List.of());
    }

    /** Starts a server that answers each request with the replies {@code rule} gives for it. */
    public static EchoServer answering(Function<byte[], List<byte[]>> rule) throws IOException {
        return new EchoServer(rule);
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
