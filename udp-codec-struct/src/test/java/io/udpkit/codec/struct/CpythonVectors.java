package io.udpkit.codec.struct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The committed vectors CPython produced (see src/test/python/gen_vectors.py), decoded. */
final class CpythonVectors {

    static final String RESOURCE = "cpython-vectors.json";
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static JsonNode root;

    private CpythonVectors() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = CpythonVectors.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + RESOURCE);
                }
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** All cases of one operation ("pack", "unpack", ...). */
    static List<JsonNode> cases(String op) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode c : root().get("cases")) {
            if (c.get("op").asText().equals(op)) {
                result.add(c);
            }
        }
        return result;
    }

    /** The Java value the mapping of {@link Struct} gives for an encoded Python value. */
    static Object value(JsonNode encoded) {
        if (encoded.has("int")) {
            BigInteger big = new BigInteger(encoded.get("int").asText());
            if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
                return big.longValue();
            }
            return big;
        }
        if (encoded.has("float")) {
            return Double.longBitsToDouble(Long.parseUnsignedLong(encoded.get("float").asText(), 16));
        }
        if (encoded.has("bytes")) {
            return bytes(encoded.get("bytes").asText());
        }
        if (encoded.has("bool")) {
            return encoded.get("bool").asBoolean();
        }
        if (encoded.has("str")) {
            return encoded.get("str").asText();
        }
        if (encoded.has("none")) {
            return null;
        }
        throw new IllegalArgumentException("unknown value encoding " + encoded);
    }

    static Object[] values(JsonNode array) {
        Object[] result = new Object[array.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = value(array.get(i));
        }
        return result;
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Why {@code actual} differs from the expected value, or null when it is the same: same type
     * under the mapping, same integer, same IEEE bits, same bytes.
     */
    static String difference(Object expected, Object actual) {
        if (expected instanceof byte[]) {
            if (!(actual instanceof byte[])) {
                return "expected bytes, got " + describe(actual);
            }
            return java.util.Arrays.equals((byte[]) expected, (byte[]) actual) ? null
                    : "expected bytes " + hex((byte[]) expected) + ", got " + hex((byte[]) actual);
        }
        if (expected instanceof Double) {
            if (!(actual instanceof Double)) {
                return "expected Double, got " + describe(actual);
            }
            long e = Double.doubleToRawLongBits((Double) expected);
            long a = Double.doubleToRawLongBits((Double) actual);
            return e == a ? null : "expected double bits " + Long.toHexString(e) + ", got "
                    + Long.toHexString(a);
        }
        if (expected == null ? actual == null
                : expected.equals(actual) && expected.getClass() == actual.getClass()) {
            return null;
        }
        return "expected " + describe(expected) + ", got " + describe(actual);
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[]) {
            return "bytes " + hex((byte[]) value);
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
