package io.udpkit.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import io.udpkit.codec.struct.PythonLiterals;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.SocketAddresses;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * Writes one JSON document at a time as ASCII bytes into a buffer it owns and reuses: the
 * documents of {@link JsonValues}, byte for byte, without allocating for a struct record or the
 * usual values, so a sink pays at most for the copy it keeps ({@link #toByteArray()}) or nothing
 * when it writes the bytes where they go ({@link #writeTo(OutputStream)}).
 *
 * <p>Each {@link #record} or {@link #value} call replaces the document; {@link #array()} and
 * {@link #length()} expose it until the next call. The buffer grows to the largest document
 * written and stays that size. What allocates still: a {@link BigInteger} (its text), a new
 * sender (its text, cached for the next records from it), a {@link JsonNode}'s arbitrary-precision
 * numbers, and values that are none of the types {@link JsonValues} lists (converted with
 * Jackson's {@code valueToTree}). Not thread-safe: one writer per thread (a receive loop, a
 * sink's thread).
 */
public final class JsonDocumentWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG_MIN = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUES_KEY = "\"values\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE_KEY = "\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM_KEY = "{\"from\":".getBytes(StandardCharsets.US_ASCII);
    /** The most bytes one escaped char takes: a six-byte unicode escape. */
    private static final int MAX_ESCAPED_CHAR = 6;
    /** A long's decimal, sign included, with room to spare. */
    private static final int MAX_LONG_LENGTH = 20;

    private final JsonDialect dialect;
    private byte[] buf = new byte[256];
    private int length;
    /** For the bytes of a struct record's {@code c s p} values. */
    private byte[] fieldBytes = new byte[64];
    private InetSocketAddress lastFrom;
    /** {@code {"from":"<lastFrom>",} as bytes. */
    private byte[] lastFromPrefix;

    /**
     * A writer for {@code dialect}.
     *
     * @param dialect how non-finite floats are written
     */
    public JsonDocumentWriter(JsonDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Writes the document {@link JsonValues#record(InetSocketAddress, Object, JsonDialect)}
     * returns: {@code {"from":"127.0.0.1:5555","values":[1,"ab",2,3,3,2.5]}}.
     *
     * @param from  the sender
     * @param value the decoded value, read during the call only
     * @return this writer, holding the document
     */
    public JsonDocumentWriter record(InetSocketAddress from, Object value) {
        length = 0;
        if (!from.equals(lastFrom)) {
            lastFromPrefix = fromPrefix(from);
            lastFrom = from;
        }
        append(lastFromPrefix);
        append(value instanceof List || value instanceof StructReader ? VALUES_KEY : VALUE_KEY);
        writeValue(value);
        ensure(1);
        buf[length++] = '}';
        return this;
    }

    /**
     * Writes the document {@link JsonValues#value(Object, JsonDialect)} returns: one JSON value,
     * {@code 2.5}, {@code "ab"}, {@code [1,2]}.
     *
     * @param value the value, read during the call only
     * @return this writer, holding the document
     */
    public JsonDocumentWriter value(Object value) {
        length = 0;
        writeValue(value);
        return this;
    }

    /**
     * The buffer holding the document in its first {@link #length()} bytes; valid until the next
     * write, and the same array as long as documents fit.
     *
     * @return the writer's own buffer, not a copy
     */
    public byte[] array() {
        return buf;
    }

    /**
     * The document's length in bytes.
     *
     * @return the number of bytes of {@link #array()} the document fills
     */
    public int length() {
        return length;
    }

    /**
     * A copy of the document, exactly its length: the one allocation a sink that keeps it needs.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    /**
     * Writes the document's bytes to {@code out}.
     *
     * @param out where to write
     * @throws IOException if {@code out} does
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, length);
    }

    /**
     * The document as text (it is ASCII).
     *
     * @return a new string
     */
    @Override
    public String toString() {
        return new String(buf, 0, length, StandardCharsets.ISO_8859_1);
    }

    private byte[] fromPrefix(InetSocketAddress from) {
        String text = SocketAddresses.format(from);
        int mark = length;
        append(FROM_KEY);
        writeString(text);
        ensure(1);
        buf[length++] = ',';
        byte[] prefix = Arrays.copyOfRange(buf, mark, length);
        length = mark;
        return prefix;
    }

    private void writeValue(Object value) {
        if (value == null) {
            writeAscii("null");
        } else if (value instanceof Boolean) {
            writeAscii((Boolean) value ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            writeFloat(((Number) value).doubleValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            writeLong(((Number) value).longValue());
        } else if (value instanceof BigInteger) {
            writeAscii(value.toString());
        } else if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            writeLatin1(bytes, 0, bytes.length);
        } else if (value instanceof ByteBuffer) {
            writeLatin1((ByteBuffer) value);
        } else if (value instanceof CharSequence) {
            writeString((CharSequence) value);
        } else if (value instanceof List) {
            writeList((List<?>) value);
        } else if (value instanceof StructReader) {
            writeRecord((StructReader) value);
        } else if (value instanceof JsonNode) {
            writeNode((JsonNode) value);
        } else {
            writeNode(MAPPER.valueToTree(value));
        }
    }

    private void writeList(List<?> values) {
        ensure(1);
        buf[length++] = '[';
        if (values instanceof RandomAccess) {
            for (int i = 0, size = values.size(); i < size; i++) {
                comma(i);
                writeValue(values.get(i));
            }
        } else {
            int i = 0;
            for (Iterator<?> it = values.iterator(); it.hasNext(); i++) {
                comma(i);
                writeValue(it.next());
            }
        }
        ensure(1);
        buf[length++] = ']';
    }

    /** A struct record, value by value through the reader's typed getters: nothing boxed. */
    private void writeRecord(StructReader record) {
        ensure(1);
        buf[length++] = '[';
        for (int i = 0, size = record.size(); i < size; i++) {
            comma(i);
            switch (record.code(i)) {
                case '?':
                    writeAscii(record.getBoolean(i) ? "true" : "false");
                    break;
                case 'e':
                case 'f':
                case 'd':
                    writeFloat(record.getDouble(i));
                    break;
                case 'c':
                case 's':
                case 'p': {
                    int count = record.bytesLength(i);
                    if (count > fieldBytes.length) {
                        fieldBytes = new byte[Math.max(count, 2 * fieldBytes.length)];
                    }
                    record.getBytes(i, fieldBytes);
                    writeLatin1(fieldBytes, 0, count);
                    break;
                }
                case 'B':
                case 'H':
                case 'I':
                case 'L':
                case 'Q':
                case 'N':
                case 'P':
                    writeUnsignedLong(record.getLong(i));
                    break;
                default:
                    writeLong(record.getLong(i));
                    break;
            }
        }
        ensure(1);
        buf[length++] = ']';
    }

    private void writeNode(JsonNode node) {
        if (node.isObject()) {
            ensure(1);
            buf[length++] = '{';
            int i = 0;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                comma(i++);
                writeString(field.getKey());
                ensure(1);
                buf[length++] = ':';
                writeNode(field.getValue());
            }
            ensure(1);
            buf[length++] = '}';
        } else if (node.isArray()) {
            ensure(1);
            buf[length++] = '[';
            for (int i = 0, size = node.size(); i < size; i++) {
                comma(i);
                writeNode(node.get(i));
            }
            ensure(1);
            buf[length++] = ']';
        } else if (node.isDouble() || node.isFloat()) {
            writeFloat(node.doubleValue());
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                writeLong(node.longValue());
            } else {
                writeAscii(node.bigIntegerValue().toString());
            }
        } else if (node.isBigDecimal()) {
            writeAscii(node.decimalValue().toString());
        } else if (node instanceof POJONode) {
            writeValue(((POJONode) node).getPojo());
        } else if (node.isBinary()) {
            byte[] bytes = binary(node);
            writeLatin1(bytes, 0, bytes.length);
        } else if (node.isTextual()) {
            writeString(node.textValue());
        } else if (node.isBoolean()) {
            writeAscii(node.booleanValue() ? "true" : "false");
        } else {
            writeAscii("null");
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException("a binary JSON node without bytes: " + e.getMessage(), e);
        }
    }

    private void comma(int index) {
        if (index > 0) {
            ensure(1);
            buf[length++] = ',';
        }
    }

    /** NaN and the infinities bare (Python) or as strings (strict); finite values as repr. */
    private void writeFloat(double value) {
        if (Double.isFinite(value)) {
            ensure(PythonLiterals.FLOAT_REPR_MAX_LENGTH);
            length = PythonLiterals.writeFloatRepr(value, buf, length);
            return;
        }
        String name = Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
        if (dialect == JsonDialect.STRICT) {
            writeString(name);
        } else {
            writeAscii(name);
        }
    }

    private void writeLong(long value) {
        if (value == Long.MIN_VALUE) {
            append(LONG_MIN);
            return;
        }
        ensure(MAX_LONG_LENGTH);
        long magnitude = value;
        if (value < 0) {
            buf[length++] = '-';
            magnitude = -value;
        }
        writeDigits(magnitude);
    }

    /** {@code value} read as unsigned 64-bit: above 2^63 - 1 when negative. */
    private void writeUnsignedLong(long value) {
        if (value >= 0) {
            writeLong(value);
            return;
        }
        ensure(MAX_LONG_LENGTH);
        long tens = (value >>> 1) / 5;
        writeDigits(tens);
        buf[length++] = (byte) ('0' + (value - tens * 10));
    }

    /** The decimal digits of {@code value >= 0}. */
    private void writeDigits(long value) {
        int count = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            count++;
        }
        long rest = value;
        for (int i = length + count - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        length += count;
    }

    /** A string of one char per byte (latin-1), escaped. */
    private void writeLatin1(byte[] bytes, int from, int to) {
        ensure(2 + MAX_ESCAPED_CHAR * (to - from));
        buf[length++] = '"';
        for (int i = from; i < to; i++) {
            escape((char) (bytes[i] & 0xff));
        }
        buf[length++] = '"';
    }

    /** Position to limit, by absolute index: the buffer is not changed. */
    private void writeLatin1(ByteBuffer bytes) {
        int from = bytes.position();
        int to = bytes.limit();
        ensure(2 + MAX_ESCAPED_CHAR * (to - from));
        buf[length++] = '"';
        for (int i = from; i < to; i++) {
            escape((char) (bytes.get(i) & 0xff));
        }
        buf[length++] = '"';
    }

    private void writeString(CharSequence text) {
        int count = text.length();
        ensure(2 + MAX_ESCAPED_CHAR * count);
        buf[length++] = '"';
        for (int i = 0; i < count; i++) {
            escape(text.charAt(i));
        }
        buf[length++] = '"';
    }

    /**
     * One UTF-16 unit as Python's {@code json.dumps} with {@code ensure_ascii} writes it: printable
     * ASCII as itself (quote and backslash escaped), the five short escapes, anything else
     * (controls, DEL, non-ASCII, each half of a surrogate pair) as a lower-case unicode escape.
     * The caller has ensured room for {@link #MAX_ESCAPED_CHAR} bytes.
     */
    private void escape(char c) {
        if (c >= 0x20 && c < 0x7f) {
            if (c == '"' || c == '\\') {
                buf[length++] = '\\';
            }
            buf[length++] = (byte) c;
            return;
        }
        byte shortForm;
        switch (c) {
            case '\n':
                shortForm = 'n';
                break;
            case '\r':
                shortForm = 'r';
                break;
            case '\t':
                shortForm = 't';
                break;
            case '\b':
                shortForm = 'b';
                break;
            case '\f':
                shortForm = 'f';
                break;
            default:
                buf[length++] = '\\';
                buf[length++] = 'u';
                buf[length++] = HEX[c >> 12];
                buf[length++] = HEX[(c >> 8) & 0xf];
                buf[length++] = HEX[(c >> 4) & 0xf];
                buf[length++] = HEX[c & 0xf];
                return;
        }
        buf[length++] = '\\';
        buf[length++] = shortForm;
    }

    /** Text known to be ASCII and to need no escapes. */
    private void writeAscii(String text) {
        int count = text.length();
        ensure(count);
        for (int i = 0; i < count; i++) {
            buf[length++] = (byte) text.charAt(i);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (buf.length - length < more) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, length + more));
        }
    }
}
