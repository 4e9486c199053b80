package io.udpkit.client;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.DatagramLimits;
import io.udpkit.core.IoMode;
import io.udpkit.core.SocketAddresses;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP client bound to an ephemeral local port, talking to one server: sends bytes, UTF-8 text
 * or values encoded with a codec, and waits for replies with a timeout.
 *
 * <p>Replies are accepted only from the target address and port; datagrams from anyone else are
 * dropped (logged at DEBUG), so a third party cannot inject a reply. Not thread-safe: use one
 * client per thread. Buffers are allocated once, at {@link Builder#open()}.
 *
 * <pre>{@code
 * Struct recipe = Struct.compile("! I 2s Q 2h f");
 * try (UdpClient client = UdpClient.builder().target("localhost", 9999)
 *         .codec(recipe.codec()).open()) {
 *     client.sendText("data");
 *     byte[] echo = client.receive(Duration.ofSeconds(5));
 *     client.sendValue(recipe.record(1, "ab".getBytes(), 2, 3, 3, 2.5));
 * }
 * }</pre>
 */
public final class UdpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpClient.class);

    private final UdpEndpoint endpoint;
    private final InetSocketAddress target;
    private final Codec<?> codec;
    private final ByteBuffer sendBuffer = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);

    private UdpClient(UdpEndpoint endpoint, InetSocketAddress target, Codec<?> codec) {
        this.endpoint = endpoint;
        this.target = target;
        this.codec = codec;
    }

    /**
     * Starts building a client. Defaults: target 127.0.0.1:9999, the {@code raw} codec, bound to
     * an ephemeral port on the loopback address for a loopback target, else on the wildcard
     * address.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server this client talks to.
     *
     * @return the target address
     */
    public InetSocketAddress target() {
        return target;
    }

    /**
     * The client's own address, where replies arrive.
     *
     * @return the bound local address
     */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /**
     * Sends position..limit of {@code payload} as one datagram, advancing its position.
     *
     * @param payload at most 65,507 bytes
     * @throws IOException              if sending fails
     * @throws IllegalArgumentException if the payload is too large for a datagram
     */
    public void send(ByteBuffer payload) throws IOException {
        int size = payload.remaining();
        endpoint.send(payload, target);
        if (LOG.isDebugEnabled()) {
            LOG.debug("sent {} bytes to {}", size, target);
        }
    }

    /**
     * Sends {@code payload} as one datagram.
     *
     * @param payload at most 65,507 bytes
     * @throws IOException              if sending fails
     * @throws IllegalArgumentException if the payload is too large for a datagram
     */
    public void send(byte[] payload) throws IOException {
        send(ByteBuffer.wrap(payload));
    }

    /**
     * Sends {@code text} encoded as UTF-8, as one datagram.
     *
     * @param text the text
     * @throws IOException              if sending fails
     * @throws IllegalArgumentException if the encoded text is too large for a datagram
     */
    public void sendText(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Encodes {@code value} with the client's codec and sends it as one datagram.
     *
     * @param value a value of the codec's type (for {@code struct} a record,
     *              {@code Struct.record(values...)})
     * @throws CodecException if the codec cannot encode the value (wrong type, out of range, too
     *                        large for a datagram)
     * @throws IOException    if sending fails
     */
    public void sendValue(Object value) throws IOException {
        sendBuffer.clear();
        encode(value, sendBuffer);
        sendBuffer.flip();
        send(sendBuffer);
    }

    /**
     * Waits for the next datagram from the target and returns its payload.
     *
     * @param timeout how long to wait
     * @return the payload
     * @throws SocketTimeoutException if none arrived in time; the message names the target and
     *                                the timeout
     * @throws IOException            if receiving fails
     */
    public byte[] receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            receiveBuffer.clear();
            InetSocketAddress from = endpoint.receive(receiveBuffer,
                    Duration.ofNanos(Math.max(0, remaining)));
            if (from == null) {
                throw new SocketTimeoutException("no reply from " + SocketAddresses.format(target) + " within "
                        + seconds(timeout));
            }
            if (from.equals(target)) {
                receiveBuffer.flip();
                byte[] payload = new byte[receiveBuffer.remaining()];
                receiveBuffer.get(payload);
                return payload;
            }
            LOG.debug("ignored {} bytes from {}: not the target {}", receiveBuffer.position(), from,
                    target);
        }
    }

    /**
     * Waits for the next datagram from the target and decodes it with the client's codec.
     *
     * @param timeout how long to wait
     * @return the decoded value, independent of the client's buffers
     * @throws SocketTimeoutException if none arrived in time
     * @throws CodecException         if the reply does not decode
     * @throws IOException            if receiving fails
     */
    public Object receiveValue(Duration timeout) throws IOException {
        return codec.decode(ByteBuffer.wrap(receive(timeout)));
    }

    /**
     * Like {@link #receiveValue(Duration)}, typed: {@code receiveValue(timeout, StructReader.class)}.
     *
     * @param <T>     the value type
     * @param timeout how long to wait
     * @param type    the codec's value type, or a supertype of it
     * @return the decoded value, independent of the client's buffers
     * @throws SocketTimeoutException if none arrived in time
     * @throws CodecException         if the reply does not decode, or decodes to another type
     * @throws IOException            if receiving fails
     */
    public <T> T receiveValue(Duration timeout, Class<T> type) throws IOException {
        Object value = receiveValue(timeout);
        if (!type.isInstance(value)) {
            throw new CodecException("codec " + codec + " made a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        return type.cast(value);
    }

    /** Closes the socket. */
    @Override
    public void close() throws IOException {
        endpoint.close();
    }

    @SuppressWarnings("unchecked")
    private void encode(Object value, ByteBuffer out) {
        Objects.requireNonNull(value, "value");
        try {
            ((Codec<Object>) codec).encode(value, out);
        } catch (ClassCastException e) {
            throw new CodecException("codec " + codec + " cannot encode a "
                    + value.getClass().getName(), e);
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0
                ? timeout.toSeconds() + " s"
                : timeout.toMillis() / 1000.0 + " s";
    }

    /** Configures and opens a {@link UdpClient}. Not thread-safe. */
    public static final class Builder {

        private InetSocketAddress target;
        private String host = "127.0.0.1";
        private int port = 9999;
        private InetSocketAddress localAddress;
        private Codec<?> codec;
        private CodecRegistry registry;
        private String codecName = "raw";
        private String codecSpec = "";
        private IoMode io = IoMode.AUTO;

        private Builder() {
        }

        /**
         * The I/O path (default {@link IoMode#AUTO}: the batch path when
         * {@code udp-transport-batch} is on the class path and usable, else NIO). A client sends
         * and receives one datagram at a time, so the path matters little here; it is offered for
         * symmetry with the server.
         *
         * @param mode the I/O mode
         * @return this builder
         * @since 0.2
         */
        public Builder io(IoMode mode) {
            this.io = Objects.requireNonNull(mode, "io");
            return this;
        }

        /**
         * The server to talk to, resolved preferring IPv4 when the client opens.
         *
         * @param host a host name or literal address
         * @param port 1 to 65535
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range
         */
        public Builder target(String host, int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            this.target = null;
            return this;
        }

        /**
         * The server to talk to.
         *
         * @param target a resolved address
         * @return this builder
         */
        public Builder target(InetSocketAddress target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * The local address to bind (default: an ephemeral port on loopback for a loopback
         * target, else on the wildcard address of the target's family).
         *
         * @param localAddress a resolved address, port 0 for any
         * @return this builder
         */
        public Builder localAddress(InetSocketAddress localAddress) {
            this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
            return this;
        }

        /**
         * Encodes values and decodes replies with {@code codec}.
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder codec(Codec<?> codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Uses the codec the installed provider {@code name} creates from an empty spec
         * ({@code codec("json")}), created when the client opens.
         *
         * @param name the provider's name
         * @return this builder
         */
        public Builder codec(String name) {
            return codec(null, name, "");
        }

        /**
         * Uses the codec the installed provider {@code name} creates from {@code spec}
         * ({@code codec("struct", "! I 2s Q 2h f")}), created when the client opens.
         *
         * @param name the provider's name
         * @param spec the codec's spec, empty if it needs none
         * @return this builder
         */
        public Builder codec(String name, String spec) {
            return codec(null, name, spec);
        }

        /**
         * Like {@link #codec(String, String)}, with providers from {@code registry}.
         *
         * @param registry where to find the provider, {@code null} for the installed ones
         * @param name     the provider's name
         * @param spec     the codec's spec, empty if it needs none
         * @return this builder
         */
        public Builder codec(CodecRegistry registry, String name, String spec) {
            this.codec = null;
            this.registry = registry;
            this.codecName = Objects.requireNonNull(name, "name");
            this.codecSpec = spec == null ? "" : spec;
            return this;
        }

        /**
         * Resolves the target, creates the codec and binds the local socket.
         *
         * @return an open client
         * @throws java.net.UnknownHostException if the target host does not resolve
         * @throws CodecException                if the codec name is unknown or its spec invalid
         * @throws IOException                   if the socket cannot be bound
         */
        public UdpClient open() throws IOException {
            Codec<?> chosen = codec != null ? codec
                    : (registry != null ? registry : CodecRegistry.installed()).create(codecName, codecSpec);
            InetSocketAddress server = target != null ? target : SocketAddresses.resolve(host, port);
            InetSocketAddress local = localAddress != null ? localAddress : defaultLocal(server);
            UdpEndpoint endpoint = UdpEndpoint.open(TransportConfig.builder()
                    .bindAddress(local)
                    .reuseAddress(false)
                    .io(io)
                    .build());
            return new UdpClient(endpoint, server, chosen);
        }

        private static InetSocketAddress defaultLocal(InetSocketAddress server) throws IOException {
            InetAddress address = server.getAddress();
            boolean v4 = address instanceof Inet4Address;
            if (address.isLoopbackAddress()) {
                return new InetSocketAddress(InetAddress.getByName(v4 ? "127.0.0.1" : "::1"), 0);
            }
            return new InetSocketAddress(InetAddress.getByName(v4 ? "0.0.0.0" : "::"), 0);
        }
    }
}
