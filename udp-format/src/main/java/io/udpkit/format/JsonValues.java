package io.udpkit.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.udpkit.codec.struct.StructReader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

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
 * escapes them. Methods are thread-safe; each call makes a {@link JsonDocumentWriter}, which is
 * what a hot path should keep and reuse instead.
 */
public final class JsonValues {

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
        return new JsonDocumentWriter(dialect).value(values).toString();
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
        return new JsonDocumentWriter(dialect).value(value).toString();
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
        return new JsonDocumentWriter(dialect).record(from, value).toString();
    }
}
