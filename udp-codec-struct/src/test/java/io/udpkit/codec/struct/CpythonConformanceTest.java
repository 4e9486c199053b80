package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Replays every vector CPython 3.11 recorded (src/test/resources/.../cpython-vectors.json):
 * packed bytes, unpacked values (by type, exact integer, IEEE bits) and error messages must all
 * be the same. Deliberate differences, documented on {@link Struct}: bad-char messages extend
 * CPython's text, sizes above Integer.MAX_VALUE - 8 are refused, and {@code 0p} unpacks to an
 * empty array where CPython has an internal SystemError.
 */
class CpythonConformanceTest {

    private static final String BAD_CHAR = "bad char in struct format";
    private static final String TOO_LONG = "total struct size too long";

    @Test
    void vectorFileIsLargeAndCoversEveryCodeAndByteOrder() {
        JsonNode cases = CpythonVectors.root().get("cases");
        assertEquals(CpythonVectors.root().get("count").asInt(), cases.size());
        assertTrue(cases.size() >= 5000, "only " + cases.size() + " vectors");
        java.util.Set<String> packed = new java.util.HashSet<>();
        java.util.Set<String> refused = new java.util.HashSet<>();
        for (JsonNode c : CpythonVectors.cases("pack")) {
            (c.has("error") ? refused : packed).add(c.get("fmt").asText());
        }
        for (char order : "@=<>!".toCharArray()) {
            for (char code : "cbB?hHiIlLqQnNPefd".toCharArray()) {
                String fmt = order + String.valueOf(code);
                if ("nNP".indexOf(code) >= 0 && order != '@') {
                    assertTrue(refused.contains(fmt), "no refusal vector for " + fmt);
                    continue;
                }
                assertTrue(packed.contains(fmt), "no pack vector for " + fmt);
                assertTrue(code == '?' || refused.contains(fmt), "no error vector for " + fmt);
            }
        }
        for (String fmt : new String[] {"0s", "0p", "1000p", "@q0x", "@bq", "@ci", "@?d"}) {
            assertTrue(packed.contains(fmt) || CpythonVectors.cases("calcsize").stream()
                    .anyMatch(c -> c.get("fmt").asText().equals(fmt)), "no vector for " + fmt);
        }
    }

    @Test
    void calcsizeMatchesCpython() {
        replay("calcsize", c -> {
            String fmt = c.get("fmt").asText();
            if (c.has("size") && c.get("size").asLong() > FormatParser.MAX_SIZE) {
                expectError(c, () -> Struct.calcsize(fmt), TOO_LONG);
                return;
            }
            if (c.has("error")) {
                expectError(c, () -> Struct.compile(fmt).size(), null);
                return;
            }
            assertEquals(c.get("size").asLong(), Struct.compile(fmt).size());
        });
    }

    @Test
    void packMatchesCpython() {
        replay("pack", c -> {
            Object[] args = CpythonVectors.values(c.get("args"));
            String fmt = c.get("fmt").asText();
            if (c.has("error")) {
                expectError(c, () -> Struct.compile(fmt).pack(args), null);
                return;
            }
            assertEquals(c.get("hex").asText(), CpythonVectors.hex(Struct.compile(fmt).pack(args)));
        });
    }

    @Test
    void unpackMatchesCpython() {
        replay("unpack", c -> {
            String fmt = c.get("fmt").asText();
            byte[] data = CpythonVectors.bytes(c.get("hex").asText());
            if (isZeroPascalSystemError(c)) {
                List<Object> values = Struct.compile(fmt).unpack(data);
                assertEquals(Struct.compile(fmt).valueCount(), values.size());
                return;
            }
            if (c.has("error")) {
                expectError(c, () -> Struct.compile(fmt).unpack(data), null);
                return;
            }
            compareValues(c.get("values"), Struct.compile(fmt).unpack(data));
        });
    }

    @Test
    void packIntoMatchesCpython() {
        replay("pack_into", c -> {
            Object[] args = CpythonVectors.values(c.get("args"));
            byte[] buf = new byte[c.get("bufsize").asInt()];
            Arrays.fill(buf, (byte) 0xaa);
            Struct struct = Struct.compile(c.get("fmt").asText());
            int offset = c.get("offset").asInt();
            if (c.has("error")) {
                expectError(c, () -> struct.packInto(ByteBuffer.wrap(buf), offset, args), null);
                return;
            }
            struct.packInto(ByteBuffer.wrap(buf), offset, args);
            assertEquals(c.get("hex").asText(), CpythonVectors.hex(buf));
        });
    }

    @Test
    void unpackFromMatchesCpython() {
        replay("unpack_from", c -> {
            byte[] data = CpythonVectors.bytes(c.get("hex").asText());
            Struct struct = Struct.compile(c.get("fmt").asText());
            int offset = c.get("offset").asInt();
            if (c.has("error")) {
                expectError(c, () -> struct.unpackFrom(ByteBuffer.wrap(data), offset), null);
                return;
            }
            compareValues(c.get("values"), struct.unpackFrom(ByteBuffer.wrap(data), offset));
        });
    }

    @Test
    void iterUnpackMatchesCpython() {
        replay("iter_unpack", c -> {
            byte[] data = CpythonVectors.bytes(c.get("hex").asText());
            Struct struct = Struct.compile(c.get("fmt").asText());
            if (c.has("error")) {
                expectError(c, () -> struct.iterUnpack(ByteBuffer.wrap(data)), null);
                return;
            }
            Iterator<List<Object>> it = struct.iterUnpack(ByteBuffer.wrap(data));
            JsonNode records = c.get("records");
            for (JsonNode record : records) {
                assertTrue(it.hasNext(), "iterator ended early");
                compareValues(record, it.next());
            }
            assertTrue(!it.hasNext(), "iterator has more records than CPython");
        });
    }

    /** Unpacking {@code 0p}: CPython fails internally; we return an empty value instead. */
    private static boolean isZeroPascalSystemError(JsonNode c) {
        return c.has("etype") && c.get("etype").asText().equals("SystemError")
                && c.get("fmt").asText().contains("0p");
    }

    private static void compareValues(JsonNode expected, List<Object> actual) {
        assertEquals(expected.size(), actual.size(), "value count");
        for (int i = 0; i < expected.size(); i++) {
            String diff = CpythonVectors.difference(CpythonVectors.value(expected.get(i)),
                    actual.get(i));
            if (diff != null) {
                fail("value " + i + ": " + diff);
            }
        }
    }

    /**
     * Runs {@code action} and checks it throws a StructException with CPython's message, or
     * {@code override} when we deliberately differ.
     */
    private static void expectError(JsonNode c, Runnable action, String override) {
        String expected = override != null ? override : c.get("error").asText();
        try {
            action.run();
        } catch (StructException e) {
            if (expected.equals(BAD_CHAR)) {
                assertTrue(e.getMessage().startsWith(BAD_CHAR + ": '"),
                        "message " + e.getMessage());
                return;
            }
            assertEquals(expected, e.getMessage());
            return;
        }
        fail("expected StructException: " + expected);
    }

    /** Replays all cases of {@code op}, collecting failures so one run shows them all. */
    private static void replay(String op, Consumer<JsonNode> check) {
        List<JsonNode> cases = CpythonVectors.cases(op);
        assertTrue(cases.size() > 0, "no " + op + " vectors");
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            try {
                check.accept(c);
            } catch (AssertionError | RuntimeException e) {
                failures.add(c + "\n    -> " + e);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " " + op + " vectors differ, first:\n"
                    + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        }
    }
}
