package io.udpkit.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonDocumentWriterTest {

    private static final InetSocketAddress FROM = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555);

    @Test
    void structRecordIsWrittenFromTheReaderAsFromItsBoxedValues() {
        // Every value code: signed and unsigned integers at their extremes, floats, bools, bytes.
        Struct struct = Struct.compile("<bBhHiIqQ?e f d c 3s 4p");
        Object[][] rows = {
            {-128L, 255L, -32768L, 65535L, -2147483648L, 4294967295L, Long.MIN_VALUE,
                new BigInteger("18446744073709551615"), true, 65504.0, 3.4028234663852886e38,
                Double.NaN, new byte[] {'"'}, new byte[] {0, '\\', (byte) 0xff}, new byte[] {'a', '\n'}},
            {0L, 0L, 0L, 0L, 0L, 0L, Long.MAX_VALUE, BigInteger.TWO.pow(63), false, -0.0,
                Double.NEGATIVE_INFINITY, 1e-5, new byte[] {0x7f}, new byte[] {'\t', '\r', 8},
                new byte[] {}},
        };
        JsonDocumentWriter python = new JsonDocumentWriter(JsonDialect.PYTHON);
        JsonDocumentWriter strict = new JsonDocumentWriter(JsonDialect.STRICT);
        for (Object[] row : rows) {
            byte[] packed = struct.pack(row);
            StructReader reader = struct.reader().wrap(ByteBuffer.wrap(packed), 0);
            List<Object> boxed = reader.toList();
            assertEquals(JsonValues.record(FROM, boxed), python.record(FROM, reader).toString());
            assertEquals(JsonValues.record(FROM, boxed, JsonDialect.STRICT),
                    strict.record(FROM, reader).toString());
        }
        byte[] packed = struct.pack(rows[0]);
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"values\":[-128,255,-32768,65535,-2147483648,"
                + "4294967295,-9223372036854775808,18446744073709551615,true,65504.0,"
                + "3.4028234663852886e+38,NaN,\"\\\"\",\"\\u0000\\\\\\u00ff\",\"a\\n\"]}",
                python.record(FROM, struct.reader().wrap(ByteBuffer.wrap(packed), 0)).toString());
    }

    @Test
    void unsignedSixtyFourBitValuesAreExact() {
        Struct struct = Struct.compile("<Q");
        JsonDocumentWriter json = new JsonDocumentWriter(JsonDialect.PYTHON);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            long bits = i < 3 ? -1L - i : random.nextLong();
            StructReader reader = struct.reader().wrap(ByteBuffer.wrap(struct.pack(
                    new BigInteger(Long.toUnsignedString(bits)))), 0);
            assertEquals("[" + Long.toUnsignedString(bits) + "]", json.value(reader).toString());
        }
    }

    @Test
    void theBufferIsReusedAndEachDocumentReplacesTheLast() throws Exception {
        JsonDocumentWriter json = new JsonDocumentWriter(JsonDialect.PYTHON);
        json.record(FROM, List.of("a much longer value than the next one", 1L));
        byte[] buffer = json.array();
        json.record(FROM, "x");
        assertSame(buffer, json.array(), "the same buffer");
        byte[] expected = "{\"from\":\"127.0.0.1:5555\",\"value\":\"x\"}".getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected.length, json.length());
        assertArrayEquals(expected, json.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writeTo(out);
        assertArrayEquals(expected, out.toByteArray());
        // Another sender: its own text, not the cached one.
        InetSocketAddress other = new InetSocketAddress(InetAddress.getByName("::1"), 9);
        assertEquals("{\"from\":\"[::1]:9\",\"value\":\"x\"}", json.record(other, "x").toString());
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"value\":\"x\"}", json.record(FROM, "x").toString());
    }

    @Test
    void documentsLargerThanTheFirstBufferGrowIt() {
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        String expected = JsonValues.value(ByteBuffer.wrap(big));
        JsonDocumentWriter json = new JsonDocumentWriter(JsonDialect.PYTHON);
        assertEquals(expected, json.value(big).toString());
        assertEquals(expected.length(), json.length());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append((char) (i * 7));
        }
        assertEquals(json.value(text.toString()).toString(), json.value(new StringBuilder(text)).toString());
    }

    @Test
    void stringsEscapeAsPythonEnsureAscii() {
        JsonDocumentWriter json = new JsonDocumentWriter(JsonDialect.PYTHON);
        assertEquals("\"q\\\"b\\\\ \\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\\u00e9\\u4e2d\\ud83d\\ude00~\"",
                json.value("q\"b\\ \n\r\t\b\f\u0000\u001f\u007f\u00e9\u4e2d\ud83d\ude00~").toString());
    }

    @Test
    void listsTreesAndOtherValuesAsBefore() throws Exception {
        JsonDocumentWriter json = new JsonDocumentWriter(JsonDialect.PYTHON);
        assertEquals("[1,[2.5,null],true]", json.value(new LinkedList<>(
                Arrays.asList(1, Arrays.asList(2.5f, null), true))).toString());
        Object tree = new ObjectMapper().readTree(
                "{\"a\":[1,0.1,true,null,\"\u00e9\"],\"b\":123456789012345678901234567890,\"c\":1.5e300}");
        assertEquals("{\"a\":[1,0.1,true,null,\"\\u00e9\"],\"b\":123456789012345678901234567890,"
                + "\"c\":1.5e+300}", json.value(tree).toString());
        assertEquals("{\"k\":2.5}", json.value(java.util.Map.of("k", 2.5)).toString());
        assertEquals("[\"NaN\",\"-Infinity\"]", new JsonDocumentWriter(JsonDialect.STRICT)
                .value(List.of(Double.NaN, Double.NEGATIVE_INFINITY)).toString());
    }
}
