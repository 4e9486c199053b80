package io.udpkit.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import io.udpkit.codec.struct.PythonLiterals;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.SocketAddresses;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Writes decoded values as compact JSON, byte for byte as CPython's
 * {@code json.dumps(obj, separators=(',', ':'))} writes the equivalent Python objects.
 *
 * <p>Mapping: a {@link List} or a {@link StructReader} (a struct record) is an array; integral numbers ({@link BigInteger} included) are exact;
 * {@link Double}/{@link Float} use Python's shortest round-trip repr, and NaN and the infinities are
 * written bare ({@code NaN}, {@code Infinity}, {@code -Infinity}) as Python's json module does, or
 * as strings in the {@link JsonDialect#STRICT} dialect (each method has an overload taking one);
 * {@code byte[]} and {@link ByteBuffer} become a string with one character per byte (latin-1);
 * {@link String} is a string; {@link Boolean} is {@code true}/{@code false}; a Jackson
 * {@link JsonNode} is written as it is; anything else is converted with Jackson's
 * {@code valueToTree} (no default typing). Output is ASCII: other characters are escaped as Python
 * escapes them. Methods are thread-safe.
 */
public final class JsonValues {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new PythonJsonEscapes())
            .build();

    private JsonValues() {
    }

    /**
     * Returns a JSON array of {@code values}: {@code [1,"ab",2,3,3,2.5]}.
     *
     * @param values the values, such as a decoded struct record
     * @return compact JSON
     */
    public static String array(List<?> values) {
        return array(values, JsonDialect.PYTHON);
    }

    /**
     * Returns a JSON array of {@code values} in {@code dialect}.
     *
     * @param values the values, such as a decoded struct record
     * @param dialect how non-finite floats are written
     * @return compact JSON
     */
    public static String array(List<?> values, JsonDialect dialect) {
        return write(gen -> writeValue(gen, values, dialect));
    }

    /**
     * Returns one JSON value: {@code 2.5}, {@code "ab"}, {@code [1,2]}.
     *
     * @param value the value
     * @return compact JSON
     */
    public static String value(Object value) {
        return value(value, JsonDialect.PYTHON);
    }

    /**
     * Returns one JSON value in {@code dialect}.
     *
     * @param value the value
     * @param dialect how non-finite floats are written
     * @return compact JSON
     */
    public static String value(Object value, JsonDialect dialect) {
        return write(gen -> writeValue(gen, value, dialect));
    }

    /**
     * Returns the JSON line the server prints for one decoded datagram:
     * {@code {"from":"127.0.0.1:5555","values":[1,"ab",2,3,3,2.5]}} when {@code value} is a
     * {@link StructReader} (a struct record) or a {@link List}, else {@code {"from":"127.0.0.1:5555","value":...}}.
     *
     * @param from  the sender
     * @param value the decoded value
     * @return compact JSON, without a line terminator
     */
    public static String record(InetSocketAddress from, Object value) {
        return record(from, value, JsonDialect.PYTHON);
    }

    /**
     * Returns the JSON line for one decoded datagram, as {@link #record(InetSocketAddress, Object)},
     * in {@code dialect}.
     *
     * @param from  the sender
     * @param value the decoded value
     * @param dialect how non-finite floats are written
     * @return compact JSON, without a line terminator
     */
    public static String record(InetSocketAddress from, Object value, JsonDialect dialect) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("from", SocketAddresses.format(from));
            boolean record = value instanceof List || value instanceof StructReader;
            gen.writeFieldName(record ? "values" : "value");
            writeValue(gen, value, dialect);
            gen.writeEndObject();
        });
    }

    /** Something that writes to a generator. */
    private interface Writing {
        void to(JsonGenerator gen) throws IOException;
    }

    private static String write(Writing writing) {
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(text)) {
            writing.to(gen);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string failed", e);
        }
        return text.toString();
    }

    private static void writeValue(JsonGenerator gen, Object value, JsonDialect dialect)
            throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof Boolean) {
            gen.writeBoolean((Boolean) value);
        } else if (value instanceof Double || value instanceof Float) {
            writeFloat(gen, ((Number) value).doubleValue(), dialect);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            gen.writeNumber((BigInteger) value);
        } else if (value instanceof byte[]) {
            gen.writeString(latin1(ByteBuffer.wrap((byte[]) value)));
        } else if (value instanceof ByteBuffer) {
            gen.writeString(latin1((ByteBuffer) value));
        } else if (value instanceof CharSequence) {
            gen.writeString(value.toString());
        } else if (value instanceof List) {
            gen.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(gen, element, dialect);
            }
            gen.writeEndArray();
        } else if (value instanceof StructReader) {
            StructReader record = (StructReader) value;
            gen.writeStartArray();
            for (int i = 0; i < record.size(); i++) {
                writeValue(gen, record.get(i), dialect);
            }
            gen.writeEndArray();
        } else if (value instanceof JsonNode) {
            writeNode(gen, (JsonNode) value, dialect);
        } else {
            writeNode(gen, MAPPER.valueToTree(value), dialect);
        }
    }

    private static void writeNode(JsonGenerator gen, JsonNode node, JsonDialect dialect)
            throws IOException {
        if (node.isObject()) {
            gen.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                gen.writeFieldName(field.getKey());
                writeNode(gen, field.getValue(), dialect);
            }
            gen.writeEndObject();
        } else if (node.isArray()) {
            gen.writeStartArray();
            for (JsonNode element : node) {
                writeNode(gen, element, dialect);
            }
            gen.writeEndArray();
        } else if (node.isDouble() || node.isFloat()) {
            writeFloat(gen, node.doubleValue(), dialect);
        } else if (node.isIntegralNumber()) {
            gen.writeNumber(node.bigIntegerValue());
        } else if (node.isBigDecimal()) {
            gen.writeNumber(node.decimalValue());
        } else if (node instanceof POJONode) {
            writeValue(gen, ((POJONode) node).getPojo(), dialect);
        } else if (node.isBinary()) {
            gen.writeString(latin1(ByteBuffer.wrap(node.binaryValue())));
        } else if (node.isTextual()) {
            gen.writeString(node.textValue());
        } else if (node.isBoolean()) {
            gen.writeBoolean(node.booleanValue());
        } else {
            gen.writeNull();
        }
    }

    private static void writeFloat(JsonGenerator gen, double value, JsonDialect dialect)
            throws IOException {
        if (!Double.isFinite(value)) {
            String name = Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
            if (dialect == JsonDialect.STRICT) {
                gen.writeString(name);
            } else {
                gen.writeNumber(name);
            }
        } else {
            gen.writeNumber(PythonLiterals.floatRepr(value));
        }
    }

    /** One char per byte, position..limit, without moving the buffer's position. */
    private static String latin1(ByteBuffer bytes) {
        char[] chars = new char[bytes.remaining()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (bytes.get(bytes.position() + i) & 0xff);
        }
        return new String(chars);
    }
}
