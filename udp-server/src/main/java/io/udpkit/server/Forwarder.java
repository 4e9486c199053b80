package io.udpkit.server;

import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.DatagramLimits;
import io.udpkit.core.InboundDatagram;
import io.udpkit.server.output.JsonValues;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encodes every decoded value as one JSON document and sends it to one fixed target: the
 * struct-to-JSON bridge ({@code udp-server --format FMT --forward HOST:PORT --forward-codec json}).
 *
 * <p><b>The document</b> is exactly the line {@code udp-server --output json} prints:
 * {@code {"from":"127.0.0.1:5555","values":[1,"ab",2,3,3,2.5]}} for a struct record (a
 * {@code List}), {@code {"from":...,"value":...}} for any other value; {@code from} is the
 * original sender, which the target could not otherwise know. Values map as
 * {@link JsonValues} writes them, byte for byte CPython's
 * {@code json.dumps(obj, separators=(',', ':'))}: integers exact (unsigned 64-bit values above
 * {@code Long.MAX_VALUE} included), {@code bytes} as a string of one character per byte
 * (latin-1, non-ASCII escaped as <code>&#92;u00XX</code>), floats in Python's shortest round-trip repr,
 * NaN and the infinities written bare as {@code NaN}, {@code Infinity}, {@code -Infinity}. Python's
 * {@code json.loads} reads those three back; strict JSON parsers (RFC 8259, Jackson by default,
 * JavaScript's {@code JSON.parse}) reject them, so a target that is not Python should expect
 * them or the sender should not produce them.
 *
 * <p><b>Limits.</b> A document larger than {@value DatagramLimits#MAX_UDP_PAYLOAD} bytes (possible:
 * a byte outside printable ASCII takes six characters as <code>&#92;u00XX</code>) is counted in {@link #oversized()} and
 * dropped, never split or truncated. A value that cannot be written or a send that fails (no
 * route, the kernel's ICMP port-unreachable reported on a later send) is counted in
 * {@link #errors()} and logged at debug level; nothing is retried or fatal.
 *
 * <p><b>No amplification.</b> The target is fixed when the forwarder is opened; nothing in a
 * datagram chooses where documents go. It must be an explicit unicast host: the wildcard address,
 * multicast and the IPv4 broadcast address are refused, as is port 0. Each received datagram
 * produces at most one forwarded datagram.
 *
 * <p><b>Sending endpoint.</b> The forwarder sends from a socket of its own, not from the server's,
 * connected to the target: the kernel picks the local address that routes to it, replies to the
 * server's socket are never confused with forwarded traffic, and, being connected, the socket
 * accepts datagrams only from the target (and never reads them).
 *
 * <p>Use as (part of) the server's handler; it runs on the serving thread. The counters may be
 * read from any thread. Writing JSON allocates a string per value, like {@code --output json};
 * sending reuses one direct buffer.
 */
public final class Forwarder implements DatagramHandler<Object>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private final InetSocketAddress target;
    private final DatagramChannel channel;
    private final ByteBuffer document = ByteBuffer.allocateDirect(DatagramLimits.MAX_UDP_PAYLOAD);
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    private Forwarder(InetSocketAddress target, DatagramChannel channel) {
        this.target = target;
        this.channel = channel;
    }

    /**
     * Opens a forwarder that sends each value as a JSON document to {@code target}.
     *
     * @param target a resolved unicast address and a port from 1 to 65535
     * @return an open forwarder; close it when the server stops
     * @throws IllegalArgumentException if the target is unresolved, the wildcard address,
     *                                  multicast, broadcast or has port 0
     * @throws IOException              if the sending socket cannot be opened or connected
     */
    public static Forwarder json(InetSocketAddress target) throws IOException {
        checkTarget(target);
        DatagramChannel channel = DatagramChannel.open(target.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.connect(target);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        LOG.info("forwarding JSON documents to {} from {}", JsonValues.hostAndPort(target),
                JsonValues.hostAndPort((InetSocketAddress) channel.getLocalAddress()));
        return new Forwarder(target, channel);
    }

    /**
     * Checks that {@code target} is a place documents may be sent to (see the class comment).
     *
     * @param target the address to check
     * @throws IllegalArgumentException with a one-line reason if it is not
     */
    static void checkTarget(InetSocketAddress target) {
        Objects.requireNonNull(target, "target");
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("forward target is unresolved: " + target.getHostString());
        }
        InetAddress address = target.getAddress();
        if (target.getPort() == 0) {
            throw new IllegalArgumentException("forward target port must be 1 to 65535: 0");
        }
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
     * The fixed target.
     *
     * @return where documents are sent
     */
    public InetSocketAddress target() {
        return target;
    }

    /**
     * Writes {@code value} as JSON and sends it to the target, or counts why not. Never throws
     * for a value or a failed send.
     *
     * @param value    the decoded value
     * @param datagram the datagram it came from (its sender goes into the document)
     */
    @Override
    public void onMessage(Object value, InboundDatagram datagram) {
        String json;
        try {
            json = JsonValues.record(datagram.sender(), value);
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.debug("cannot write a value from {} as JSON: {}", JsonValues.hostAndPort(datagram.sender()),
                    e.toString());
            return;
        }
        // JsonValues writes ASCII only, so characters are bytes.
        int length = json.length();
        if (length > DatagramLimits.MAX_UDP_PAYLOAD) {
            oversized.incrementAndGet();
            LOG.debug("JSON document of {} bytes is larger than {}: dropped", length,
                    DatagramLimits.MAX_UDP_PAYLOAD);
            return;
        }
        document.clear();
        for (int i = 0; i < length; i++) {
            document.put((byte) json.charAt(i));
        }
        document.flip();
        try {
            channel.write(document);
            forwarded.incrementAndGet();
        } catch (IOException e) {
            errors.incrementAndGet();
            LOG.debug("forwarding to {} failed: {}", JsonValues.hostAndPort(target), e.toString());
        }
    }

    /**
     * Datagrams the codec rejected are not forwarded: there is no value to re-encode.
     *
     * @param datagram the rejected datagram
     * @param error    why the codec rejected it
     */
    @Override
    public void onUndecodable(InboundDatagram datagram, CodecException error) {
        // Counted by the transport as undecodable; forwarding nothing is the point.
    }

    /**
     * Documents sent.
     *
     * @return the count so far
     */
    public long forwarded() {
        return forwarded.get();
    }

    /**
     * Documents dropped because they were larger than one datagram.
     *
     * @return the count so far
     */
    public long oversized() {
        return oversized.get();
    }

    /**
     * Values that could not be written as JSON plus sends that failed.
     *
     * @return the count so far
     */
    public long errors() {
        return errors.get();
    }

    /**
     * The counters as one JSON object, for a log line.
     *
     * @return {@code {"forwarded":N,"forwardOversized":N,"forwardErrors":N}}
     */
    public String statsJson() {
        return "{\"forwarded\":" + forwarded() + ",\"forwardOversized\":" + oversized()
                + ",\"forwardErrors\":" + errors() + "}";
    }

    /**
     * Closes the sending socket.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
