package io.udpkit.server;

import io.udpkit.core.DatagramLimits;
import io.udpkit.core.SocketAddresses;
import io.udpkit.format.JsonValues;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
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
 * {@code json} module writes them (strict JSON parsers reject those; Python's accept them).
 *
 * <p>The target comes from the operator, never from a datagram, so forwarding cannot be aimed at a
 * victim by a sender; and it must be one explicit unicast host ({@link #checkTarget}): the
 * wildcard address, multicast, the IPv4 broadcast address and port 0 are refused, so one datagram
 * in is at most one datagram out, to one host. A document larger than one datagram (65,507 bytes)
 * is counted and dropped; a failed send is counted and logged, never fatal. Forwarding allocates per datagram (the JSON
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
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private JsonForwarder(DatagramChannel channel, InetSocketAddress target) {
        this.channel = channel;
        this.target = target;
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
        checkTarget(target);
        DatagramChannel channel = DatagramChannel.open(target.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.connect(target);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new JsonForwarder(channel, target);
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
     * Forwards one decoded value as a JSON document.
     *
     * @param value  the decoded value (a struct record, a string, a JSON tree, ...)
     * @param sender who sent the datagram it came from; written as {@code "from"}
     */
    public void forward(Object value, InetSocketAddress sender) {
        byte[] document = document(value, sender);
        if (document.length > DatagramLimits.MAX_UDP_PAYLOAD) {
            oversized.incrementAndGet();
            return;
        }
        try {
            send(document);
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
     * @param value  the decoded value
     * @param sender who sent the datagram it came from
     * @return the document's bytes
     */
    public static byte[] document(Object value, InetSocketAddress sender) {
        return JsonValues.record(sender, value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends one document, as it is, to the target; counts it as forwarded or failed.
     *
     * @param document at most {@link DatagramLimits#MAX_UDP_PAYLOAD} bytes
     * @throws IOException if sending failed
     */
    public void send(byte[] document) throws IOException {
        try {
            channel.send(ByteBuffer.wrap(document), target);
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
