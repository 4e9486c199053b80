package io.udpkit.codec.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import io.udpkit.core.Decoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * One datagram is one UTF-8 JSON document (RFC 8259), decoded to a Jackson tree ({@link #tree()})
 * or bound to a class or record of yours ({@link #of(Class)}), and encoded the same way.
 *
 * <p>Safe for input from the network by default: no class named by the input is ever instantiated
 * (no default typing, class-name type ids refused even when a class asks for them), nesting is at
 * most 64 deep, numbers at most 100 characters, strings and documents at most 65,507 (one
 * datagram), duplicate property names and anything after the document are errors, and the
 * payload must be UTF-8 (Jackson would otherwise guess UTF-16 or UTF-32 from zero bytes); a
 * leading UTF-8 byte-order mark is ignored, as RFC 8259 permits.
 *
 * <p><b>Python's JSON.</b> Beyond RFC 8259 the codec reads, and writes, what Python's
 * {@code json} module does: the bare numbers {@code NaN}, {@code Infinity} and {@code -Infinity}
 * (and a literal too large for a double, such as {@code 1e400}, reads as an infinity), so it reads
 * every document {@code json.dumps} and udpkit's own {@code --output json} and {@code --forward}
 * produce. Other spellings ({@code +Infinity}, {@code -INF}, {@code nan}) are refused, as
 * {@code json.loads} refuses them. Encoding a non-finite double writes it bare, as
 * {@code json.dumps} does; a consumer that needs strict RFC 8259 should be given finite numbers.
 * Binding to a class fails on properties the class does not have, unless it is annotated
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)}, and on {@code null} for a primitive (for
 * records also on an absent primitive component: use {@code Integer} and the like for optional
 * fields).
 *
 * <p>Every failure to decode or encode is a {@link CodecException} with a one-line message: the
 * reason, the JSON path for binding errors ({@code at $.items[1].name}) and the line and column.
 *
 * <p>Binding works for any class Jackson can bind without extra modules, records included. On
 * the class path nothing more is needed; on the module path, the package of your classes must be
 * open to Jackson ({@code opens com.example.messages to com.fasterxml.jackson.databind;}). Types
 * that need a Jackson module (such as {@code java.time}) fail with a {@link CodecException} naming
 * the type.
 *
 * <p>Instances are immutable and thread-safe. {@link #decode} reads heap buffers in place and
 * streams other buffers (direct or read-only) without copying the whole payload;
 * {@link #newDecoder()} copies such buffers into one reusable array instead.
 *
 * @param <T> the type of decoded values: {@link JsonNode}, or the class given to {@link #of}
 */
public final class JsonCodec<T> implements Codec<T> {

    /** Shared by every codec: configured once, never changed, so safe between threads. */
    private static final ObjectMapper MAPPER = DatagramJsonMapper.create();

    private static final JsonCodec<JsonNode> TREE = new JsonCodec<>(JsonNode.class);

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private JsonCodec(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    /**
     * A codec whose values are Jackson trees: any JSON document, including a bare {@code null},
     * number or string, decodes to a {@link JsonNode}.
     *
     * @return the shared tree codec
     */
    public static JsonCodec<JsonNode> tree() {
        return TREE;
    }

    /**
     * A codec that binds each document to {@code type}, a class or record Jackson can bind. The
     * type is fixed here, in code: the input never chooses a class.
     *
     * @param type the class of decoded values; {@code JsonNode.class} is the same as {@link #tree()}
     * @param <T>  the type of decoded values
     * @return a new codec
     * @throws NullPointerException if {@code type} is null
     */
    public static <T> JsonCodec<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new JsonCodec<>(type);
    }

    /**
     * The class documents are bound to.
     *
     * @return {@code JsonNode.class} for the tree codec, else the class given to {@link #of}
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Decodes the UTF-8 JSON document between the buffer's position and limit, leaving the buffer's
     * position, limit and order unchanged.
     *
     * @param payload one datagram's payload
     * @return the value; never {@code null}, since a JSON {@code null} is a {@code NullNode} for the
     *         tree codec and an error for a bound class
     * @throws CodecException if the payload is empty, longer than 65,507 bytes, not UTF-8, not one
     *                        well-formed JSON document within the limits, or does not bind to the
     *                        codec's type
     */
    @Override
    public T decode(ByteBuffer payload) {
        int length = checkPayload(payload);
        if (payload.hasArray()) {
            return read(payload.array(), payload.arrayOffset() + payload.position(), length);
        }
        try {
            return read(reader.createParser(new ByteBufferInputStream(payload)));
        } catch (IOException e) {
            throw new CodecException("cannot read JSON datagram: " + e.getMessage(), e);
        }
    }

    /**
     * Encodes {@code value} as one UTF-8 JSON document at the buffer's position and advances the
     * position past it. On failure the position is unchanged.
     *
     * @param value the value; a {@link JsonNode} for the tree codec
     * @param out   where the document goes
     * @throws CodecException        if Jackson cannot serialize the value, it nests deeper than
     *                               64, or the document needs more than the buffer's remaining
     *                               bytes or more than 65,507 bytes
     * @throws NullPointerException  if {@code value} is null (encode {@code NullNode} for a JSON
     *                               {@code null})
     * @throws ReadOnlyBufferException if {@code out} is read-only
     */
    @Override
    public void encode(T value, ByteBuffer out) {
        Objects.requireNonNull(value, "value");
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int room = Math.min(out.remaining(), DatagramLimits.MAX_UDP_PAYLOAD);
        BoundedBufferOutputStream sink = new BoundedBufferOutputStream(out, room);
        try {
            writer.writeValue(sink, value);
        } catch (IOException e) {
            if (!sink.exceeded()) {
                String reason = e instanceof JsonProcessingException
                        ? JacksonFailures.describeWrite((JsonProcessingException) e)
                        : e.getMessage();
                throw new CodecException("cannot encode " + describeType() + " as JSON: " + reason, e);
            }
        }
        if (sink.exceeded()) {
            throw new CodecException(room < DatagramLimits.MAX_UDP_PAYLOAD
                    ? "encoded JSON document needs more than the " + room + " bytes left in the buffer"
                    : "encoded JSON document is larger than " + DatagramLimits.MAX_UDP_PAYLOAD
                            + " bytes, the largest UDP payload");
        }
        out.position(out.position() + sink.written());
    }

    /**
     * A decoder for one thread that reads heap buffers in place and copies other buffers (direct or
     * read-only) into one array it reuses, so Jackson parses them from an array, its fastest path,
     * without allocating a copy per datagram. Its values are fresh objects, like {@link #decode}'s.
     *
     * @return a new decoder
     */
    @Override
    public Decoder<T> newDecoder() {
        return new ScratchArrayDecoder<>(this);
    }

    /** Decodes bytes already checked by {@link #checkPayload}. */
    T read(byte[] bytes, int offset, int length) {
        try {
            return read(reader.createParser(bytes, offset, length));
        } catch (IOException e) {
            throw new CodecException("cannot read JSON datagram: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one document and closes the parser. The parser is ours, not hidden inside Jackson's
     * {@code readValue(byte[])}, so errors Jackson reports without a location (the read
     * constraints) still get one: where the parser stopped.
     */
    private T read(JsonParser raw) {
        try (JsonParser parser = new PythonNonFiniteNumbers(raw)) {
            try {
                T value = reader.readValue(parser);
                if (value == null) {
                    throw new CodecException("JSON null where " + describeType() + " was expected");
                }
                return value;
            } catch (JsonProcessingException e) {
                JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new CodecException("invalid JSON datagram: " + JacksonFailures.describeRead(e, location), e);
            }
        } catch (IOException e) {
            // An I/O failure rather than bad JSON: our in-memory inputs never raise one.
            throw new CodecException("cannot read JSON datagram: " + e.getMessage(), e);
        }
    }

    /**
     * Checks what Jackson would otherwise accept or get wrong, by absolute reads.
     *
     * @return the payload's length in bytes
     */
    static int checkPayload(ByteBuffer payload) {
        int length = payload.remaining();
        if (length == 0) {
            throw new CodecException("empty datagram: a JSON datagram holds one JSON document");
        }
        if (length > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw new CodecException("JSON datagram of " + length + " bytes is larger than "
                    + DatagramLimits.MAX_UDP_PAYLOAD + " bytes, the largest UDP payload");
        }
        // Jackson guesses UTF-16 or UTF-32 from a byte-order mark or zero bytes among the first four.
        // UTF-8 JSON has no zero byte (control characters must be escaped) and never contains 0xFE
        // or 0xFF, so any of these means the payload is not UTF-8.
        int start = payload.position();
        for (int i = start, end = start + Math.min(length, 4); i < end; i++) {
            int b = payload.get(i) & 0xFF;
            if (b == 0x00 || b == 0xFE || b == 0xFF) {
                throw new CodecException(String.format(
                        "JSON datagram is not UTF-8: byte 0x%02X at offset %d", b, i - start));
            }
        }
        return length;
    }

    private String describeType() {
        return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
    }

    /**
     * Describes this codec.
     *
     * @return {@code JsonCodec[Type]}
     */
    @Override
    public String toString() {
        return "JsonCodec[" + type.getName() + "]";
    }
}
