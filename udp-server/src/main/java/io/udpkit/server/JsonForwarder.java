package io.udpkit.server;

import io.udpkit.core.DatagramLimits;
import io.udpkit.core.SocketAddresses;
import io.udpkit.format.JsonDialect;
import io.udpkit.format.JsonDocumentWriter;
import io.udpkit.format.JsonValues;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bridge from decoded values to JSON: each value is re-encoded as the JSON document that
 * {@code udp-server --output json} prints ({@code {"from":"127.0.0.1:5555","values":[...]}} for a
 * struct record) and sent as one UTF-8 datagram to one target fixed when the forwarder is opened.
 *
 * <p>Value mapping is {@link JsonValues}'s: integers exact (also above 2^63), bytes as latin-1
 * strings, floats as Python's shortest repr, and NaN/Infinity/-Infinity written bare as Python's
 * {@code json} module writes them (Python's and udpkit's json codec read them; strict RFC 8259
 * parsers reject them), or as strings when opened with {@link JsonDialect#STRICT}.
 *
 * <p>The target comes from the operator, never from a datagram, so forwarding cannot be aimed at a
 * victim by a sender; and it must be one explicit unicast host ({@link #checkTarget}): the
 * wildcard address, multicast, the IPv4 broadcast address and port 0 are refused, so one datagram
 * in is at most one datagram out, to one host; {@link #checkNotSelf} refuses the server's own
 * address, where each forward would be received and forwarded again. A document is larger than
 * the datagram it came from, up to about 6 times (each control byte of a bytes value is written
 * {@code \u0001}, 6 characters): one larger than a UDP datagram can carry (65,507 bytes, the IPv4
 * limit, used for both families) is not sent but counted as {@link #oversized()}, the first one
 * with a warning; a failed send is counted and logged, never fatal. Forwarding allocates per datagram (the JSON
 * text): it is a convenience path, not the zero-allocation one. Sends go from a socket of its own,
 * so the server's socket keeps answering senders only; that socket is connected to the target, so
 * the kernel picks the local address that routes there, the socket accepts datagrams from the
 * target only (and never reads them), and an ICMP port-unreachable from the target fails a later send,
 * which is counted in {@link #failed()}. Use from the receive loop's thread; the
 * counters may be read from any thread.
 */
public final class JsonForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonForwarder.class);

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    /** Each forwarding thread's writer: {@link #forward} sends from its buffer, copying nothing. */
    private final ThreadLocal<JsonDocumentWriter> json;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private JsonForwarder(DatagramChannel channel, InetSocketAddress target, JsonDialect dialect) {
        this.channel = channel;
        this.target = target;
        this.json = ThreadLocal.withInitial(() -> new JsonDocumentWriter(dialect));
    }

    /**
     * Opens a sending socket for forwarding to {@code target}.
     *
     * @param target where every document goes; must be resolved
     * @return the forwarder
     * @throws IOException if no socket can be opened or connected to the target
     * @throws IllegalArgumentException if {@code target} fails {@link #checkTarget}
     */
    public static JsonForwarder open(InetSocketAddress target) throws IOException {
        return open(target, JsonDialect.PYTHON);
    }

    /**
     * Opens a sending socket for forwarding to {@code target} in {@code dialect}.
     *
     * @param target where every document goes; must be resolved
     * @param dialect {@link JsonDialect#PYTHON} (bare NaN, as json.dumps) or
     *     {@link JsonDialect#STRICT} (RFC 8259, non-finite floats as strings)
     * @return the forwarder
     * @throws IOException if no socket can be opened or connected to the target
     * @throws IllegalArgumentException if {@code target} fails {@link #checkTarget}
     */
    public static JsonForwarder open(InetSocketAddress target, JsonDialect dialect)
            throws IOException {
        Objects.requireNonNull(dialect, "dialect");
        checkTarget(target);
        DatagramChannel channel = DatagramChannel.open(target.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.connect(target);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new JsonForwarder(channel, target, dialect);
    }

    /**
     * Checks that documents may be sent to {@code target}: resolved, port 1 to 65535, and one
     * explicit unicast host (not the wildcard address, multicast, or 255.255.255.255).
     *
     * @param target the address to check
     * @throws IllegalArgumentException with a one-line reason if it may not
     */
    public static void checkTarget(InetSocketAddress target) {
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("forward target is unresolved: " + target.getHostString());
        }
        if (target.getPort() == 0) {
            throw new IllegalArgumentException("forward target port must be 1 to 65535: 0");
        }
        InetAddress address = target.getAddress();
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("forward target must be an explicit host, not the wildcard "
                    + address.getHostAddress());
        }
        if (address.isMulticastAddress()) {
            throw new IllegalArgumentException("forward target must be unicast, not the multicast address "
                    + address.getHostAddress());
        }
        if (address.getHostAddress().equals("255.255.255.255")) {
            throw new IllegalArgumentException("forward target must be unicast, not the broadcast address");
        }
    }

    /**
     * Checks that {@code target} is not the server's own socket, which would receive each
     * forwarded document and forward it again, without end: same port and the same address, or,
     * when the server is bound to the wildcard address, any address of this host.
     *
     * @param target the forward target
     * @param server the address the server's socket is bound to
     * @throws IllegalArgumentException with a one-line reason if {@code target} is the server
     */
    public static void checkNotSelf(InetSocketAddress target, InetSocketAddress server) {
        if (target.getPort() != server.getPort() || target.isUnresolved()) {
            return;
        }
        InetAddress to = target.getAddress();
        InetAddress bound = server.getAddress();
        boolean self = bound.isAnyLocalAddress() ? isLocal(to) : to.equals(bound);
        if (self) {
            throw new IllegalArgumentException("forward target " + SocketAddresses.format(target)
                    + " is this server's own socket (bound to " + SocketAddresses.format(server)
                    + "): every forwarded document would come back and be forwarded again");
        }
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true; // cannot tell: refuse rather than risk a loop
        }
    }

    /**
     * Forwards one decoded value as a JSON document.
     *
     * @param value  the decoded value (a struct record, a string, a JSON tree, ...)
     * @param sender who sent the datagram it came from; written as {@code "from"}
     */
    public void forward(Object value, InetSocketAddress sender) {
        JsonDocumentWriter document = json.get().record(sender, value);
        if (document.length() > DatagramLimits.MAX_UDP_PAYLOAD) {
            if (oversized.getAndIncrement() == 0) {
                LOG.warn("not forwarded to {}: the JSON document is {} bytes, more than one UDP"
                                + " datagram carries ({}); further ones are only counted as"
                                + " oversized", SocketAddresses.format(target), document.length(),
                        DatagramLimits.MAX_UDP_PAYLOAD);
            }
            return;
        }
        try {
            send(document.array(), document.length());
        } catch (IOException e) {
            if (failed.get() == 1) {
                LOG.warn("forwarding to {} failed: {} (further failures are only counted)",
                        SocketAddresses.format(target), e.getMessage());
            }
        }
    }

    /**
     * The JSON document {@link #forward} sends for a value, as UTF-8.
     *
     * @param value   the decoded value
     * @param sender  who sent the datagram it came from
     * @param dialect how non-finite floats are written
     * @return the document's bytes
     */
    public static byte[] document(Object value, InetSocketAddress sender, JsonDialect dialect) {
        return JsonValues.record(sender, value, dialect).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends one document, as it is, to the target; counts it as forwarded or failed.
     *
     * @param document at most {@link DatagramLimits#MAX_UDP_PAYLOAD} bytes
     * @throws IOException if sending failed
     */
    public void send(byte[] document) throws IOException {
        send(document, document.length);
    }

    private void send(byte[] document, int length) throws IOException {
        try {
            channel.send(ByteBuffer.wrap(document, 0, length), target);
            forwarded.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
            throw e;
        }
    }

    /**
     * Where documents go.
     *
     * @return the target
     */
    public InetSocketAddress target() {
        return target;
    }

    /**
     * The forwarder's counters as one JSON object:
     * {@code {"forwarded":N,"oversized":N,"failed":N}}.
     *
     * @return compact JSON
     */
    public String statsJson() {
        return "{\"forwarded\":" + forwarded.get() + ",\"oversized\":" + oversized.get()
                + ",\"failed\":" + failed.get() + "}";
    }

    /**
     * Documents sent.
     *
     * @return the count
     */
    public long forwarded() {
        return forwarded.get();
    }

    /**
     * Documents dropped because they were larger than one datagram (65,507 bytes).
     *
     * @return the count
     */
    public long oversized() {
        return oversized.get();
    }

    /**
     * Sends that failed (no route, the target's ICMP port-unreachable reported on a later send).
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
