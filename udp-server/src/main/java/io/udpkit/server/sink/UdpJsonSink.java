package io.udpkit.server.sink;

import io.udpkit.core.DatagramLimits;
import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkRefusal;
import io.udpkit.format.JsonDialect;
import io.udpkit.format.JsonDocumentWriter;
import io.udpkit.server.JsonForwarder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends each value as one JSON datagram to one target ({@link JsonForwarder}), what
 * {@code udp-server --forward HOST:PORT} does: the document {@code --output json} prints. A
 * document larger than one datagram is dropped as too large; a failed send is counted as failed.
 */
public final class UdpJsonSink implements Sink<byte[]> {

    private static final SinkRefusal TOO_LARGE = new SinkRefusal(DropReason.TOO_LARGE,
            "the JSON document is larger than one datagram (65,507 bytes)");

    private final InetSocketAddress target;
    private final JsonDialect dialect;
    /** Each loop's writer: a capture allocates only the document's copy. */
    private final ThreadLocal<JsonDocumentWriter> json;
    private JsonForwarder forwarder;

    private UdpJsonSink(InetSocketAddress target, JsonDialect dialect) {
        this.target = target;
        this.dialect = dialect;
        this.json = ThreadLocal.withInitial(() -> new JsonDocumentWriter(dialect));
    }

    /**
     * A sink to {@code target}, in Python's JSON dialect (bare NaN, as json.dumps).
     *
     * @param target one explicit unicast host and port ({@link JsonForwarder#checkTarget})
     * @return the sink, unopened
     * @throws IllegalArgumentException if the target is not allowed
     */
    public static UdpJsonSink to(InetSocketAddress target) {
        return to(target, JsonDialect.PYTHON);
    }

    /**
     * A sink to {@code target} in {@code dialect}.
     *
     * @param target  one explicit unicast host and port ({@link JsonForwarder#checkTarget})
     * @param dialect {@link JsonDialect#PYTHON} or {@link JsonDialect#STRICT} (RFC 8259)
     * @return the sink, unopened
     * @throws IllegalArgumentException if the target is not allowed
     */
    public static UdpJsonSink to(InetSocketAddress target, JsonDialect dialect) {
        JsonForwarder.checkTarget(target);
        return new UdpJsonSink(target, Objects.requireNonNull(dialect, "dialect"));
    }

    /**
     * Where the documents go.
     *
     * @return the target
     */
    public InetSocketAddress target() {
        return target;
    }

    @Override
    public void open() throws IOException {
        forwarder = JsonForwarder.open(target, dialect);
    }

    @Override
    public byte[] capture(Object value, ByteBuffer payload, InetSocketAddress sender, long arrivalMillis) {
        JsonDocumentWriter document = json.get().record(sender, value);
        if (document.length() > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw TOO_LARGE;
        }
        return document.toByteArray();
    }

    @Override
    public long recordBytes(byte[] document) {
        return document.length + 16L;
    }

    @Override
    public void deliver(byte[] document, DeliveryReceipt receipt) throws IOException {
        forwarder.send(document);
        receipt.delivered();
    }

    @Override
    public void flush() {
        // Each document is its own datagram, sent at once.
    }

    @Override
    public void close(Duration deadline) throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
    }
}
