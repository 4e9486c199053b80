package io.udpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.udpkit.testkit.PythonProcess;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link PythonRepr} and {@link JsonValues} with what CPython itself prints for the same
 * values ({@code value_oracle.py}): repr of a tuple, and {@code json.dumps} of a list.
 */
class PythonCompatibilityTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One tuple: the Java values and the same values tagged for the oracle. */
    private static final class Row {
        final List<Object> values = new ArrayList<>();
        final StringBuilder tagged = new StringBuilder();

        Row add(Object javaValue, String tag, byte[] data) {
            values.add(javaValue);
            tagged.append(tagged.length() == 0 ? "" : " ").append(tag).append(':')
                    .append(HEX.formatHex(data));
            return this;
        }

        Row dbl(double value) {
            return add(value, "d", java.nio.ByteBuffer.allocate(8).putDouble(value).array());
        }

        Row flt(float value) {
            return add((double) value, "f", java.nio.ByteBuffer.allocate(4).putFloat(value).array());
        }

        Row integer(Object value) {
            return add(value, "i", value.toString().getBytes(StandardCharsets.US_ASCII));
        }

        Row bytes(byte[] value) {
            return add(value, "b", value);
        }

        Row str(String value) {
            return add(value, "s", value.getBytes(StandardCharsets.UTF_8));
        }

        Row bool(boolean value) {
            return add(value, value ? "t" : "F", new byte[0]);
        }
    }

    private static void assertMatchesPython(List<Row> rows) throws Exception {
        StringBuilder input = new StringBuilder();
        for (Row row : rows) {
            input.append(row.tagged).append('\n');
        }
        String[] lines = PythonProcess.run("value_oracle.py", input.toString()).split("\n");
        assertEquals(rows.size(), lines.length, "one output line per tuple");
        for (int i = 0; i < rows.size(); i++) {
            String[] expected = lines[i].split("\t", 2);
            List<Object> values = rows.get(i).values;
            assertEquals(expected[0], PythonRepr.tuple(values), "repr of " + rows.get(i).tagged);
            assertEquals(expected[1], JsonValues.array(values), "json of " + rows.get(i).tagged);
        }
    }

    @Test
    void recipeRecordMatchesPython() throws Exception {
        Row recipe = new Row().integer(1L).bytes("ab".getBytes(StandardCharsets.US_ASCII))
                .integer(2L).integer(3L).integer(3L).flt(2.5f);
        assertMatchesPython(List.of(recipe));
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)", PythonRepr.tuple(recipe.values));
        assertEquals("[1,\"ab\",2,3,3,2.5]", JsonValues.array(recipe.values));
    }

    @Test
    void edgeFloatsMatchPython() throws Exception {
        double[] edges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            1e16, 1e15, 9999999999999998.0, 1e-5, 1e-4, 0.0001234, 1e22, 1e23, 5e-324,
            Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 2.5, 100.0, 0.1, 0.3,
            0.1 + 0.2, 1.0 / 3, 2.0 / 3, 123456789012345680.0, 2e-3, 1.0E-7, 4.35, 5.0E-10,
            Math.PI, Math.E, 1.7976931348623157e308, 2.2250738585072014e-308, -1e-300};
        List<Row> rows = new ArrayList<>();
        for (double edge : edges) {
            rows.add(new Row().dbl(edge));
        }
        for (float edge : new float[] {0.1f, 2.5f, 1e-5f, 3.4028235e38f, 1.4e-45f, 16777217f,
            Float.NaN, -0.0f, 1e16f, 0.3f}) {
            rows.add(new Row().flt(edge));
        }
        assertMatchesPython(rows);
    }

    @Test
    void everyPowerOfTwoMatchesPython() throws Exception {
        // Powers of two have an asymmetric rounding interval: the case where the nearest shortest
        // candidate does not round-trip but the other one does.
        List<Row> rows = new ArrayList<>();
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            rows.add(new Row().dbl(Math.scalb(1.0, exponent)));
        }
        assertMatchesPython(rows);
    }

    @Test
    void randomDoublesAndFloatsMatchPython() throws Exception {
        Random random = new Random(20261125L);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(new Row().dbl(Double.longBitsToDouble(random.nextLong()))
                    .flt(Float.intBitsToFloat(random.nextInt()))
                    .dbl(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20)));
        }
        assertMatchesPython(rows);
    }

    @Test
    void integersAndBooleansMatchPython() throws Exception {
        Row row = new Row().integer(0L).integer(-1L).integer(Long.MIN_VALUE).integer(Long.MAX_VALUE)
                .integer(new BigInteger("18446744073709551615")).integer(4294967295L)
                .bool(true).bool(false);
        assertMatchesPython(List.of(row, new Row().integer(5L)));
    }

    @Test
    void everyByteValueMatchesPython() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row().bytes(all));
        for (int i = 0; i < 256; i++) {
            rows.add(new Row().bytes(new byte[] {(byte) i}));
        }
        rows.add(new Row().bytes(new byte[0]));
        rows.add(new Row().bytes("it's".getBytes(StandardCharsets.US_ASCII)));
        rows.add(new Row().bytes("say \"hi\"".getBytes(StandardCharsets.US_ASCII)));
        rows.add(new Row().bytes("both ' and \"".getBytes(StandardCharsets.US_ASCII)));
        rows.add(new Row().bytes("back\\slash".getBytes(StandardCharsets.US_ASCII)));
        assertMatchesPython(rows);
    }

    @Test
    void stringsMatchPython() throws Exception {
        String[] texts = {"data", "", "it's", "say \"hi\"", "both ' and \"", "tab\there\nnl\r",
            "\u0000\u0001\u001f\u007f", "caf\u00e9", "\u00a0nbsp\u00adshy", "\u2028\u2029",
            "\u4e2d\u6587", "smile \ud83d\ude00", "\u200b\ufeff", "\ue000", "back\\slash"};
        List<Row> rows = new ArrayList<>();
        for (String text : texts) {
            rows.add(new Row().str(text));
        }
        assertMatchesPython(rows);
    }
}
