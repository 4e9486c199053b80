package io.udpkit.client.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the {@code --values JSON} argument into what a codec encodes, with the same mapping the
 * server uses to print values: for {@code struct} a record ({@link Struct#record}) packed from a
 * JSON array whose integers become {@link Long}
 * (or {@link BigInteger} past 64 bits), floats {@link Double} ({@code NaN}, {@code Infinity} and
 * {@code -Infinity} accepted as Python's json module writes them), booleans {@link Boolean}, and
 * strings {@code byte[]} with one byte per character (latin-1); for {@code text} a JSON string; for
 * {@code raw} a latin-1 JSON string as bytes; for any other codec the JSON tree itself.
 */
final class JsonValuesArgument {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonValuesArgument() {
    }

    /**
     * Parses {@code json} for the codec named {@code codecName} with {@code spec}.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem
     */
    static Object parse(String codecName, String spec, String json) {
        JsonNode tree = readTree(json);
        switch (codecName) {
            case "struct":
                try {
                    return Struct.compile(spec).record(structValues(tree).toArray());
                } catch (StructException e) {
                    throw new IllegalArgumentException("cannot pack: " + StructErrors.asPython(e), e);
                }
            case "text":
                return requireString(tree, "the text codec").textValue();
            case "raw":
                return ByteBuffer.wrap(latin1(requireString(tree, "the raw codec").textValue(), "value"));
            default:
                return tree;
        }
    }

    private static JsonNode readTree(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException("bad --values JSON: empty");
            }
            return tree;
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            throw new IllegalArgumentException("bad --values JSON: " + e.getOriginalMessage()
                    + (where != null ? " (column " + where.getColumnNr() + ")" : ""), e);
        }
    }

    private static List<Object> structValues(JsonNode tree) {
        if (!tree.isArray()) {
            throw new IllegalArgumentException(
                    "--values for a struct must be a JSON array, such as [1, \"ab\", 2.5]");
        }
        List<Object> values = new ArrayList<>(tree.size());
        int index = 0;
        for (JsonNode element : tree) {
            values.add(structValue(element, index++));
        }
        return values;
    }

    private static Object structValue(JsonNode element, int index) {
        if (element.isIntegralNumber()) {
            return element.canConvertToLong() ? (Object) element.longValue() : element.bigIntegerValue();
        }
        if (element.isNumber()) {
            return element.doubleValue();
        }
        if (element.isBoolean()) {
            return element.booleanValue();
        }
        if (element.isTextual()) {
            return latin1(element.textValue(), "value " + index);
        }
        throw new IllegalArgumentException("value " + index + " is " + element
                + "; a struct value is a number, a boolean or a string (bytes as latin-1)");
    }

    private static JsonNode requireString(JsonNode tree, String codec) {
        if (!tree.isTextual()) {
            throw new IllegalArgumentException("--values for " + codec + " must be a JSON string");
        }
        return tree;
    }

    /** One byte per character, as the server prints bytes; refuses characters above U+00FF. */
    private static byte[] latin1(String text, String what) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < bytes.length; i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException(what + ": character U+"
                        + String.format("%04X", (int) c) + " at index " + i
                        + " is not a byte; bytes are written one character per byte (latin-1)");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }
}
