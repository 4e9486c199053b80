package io.udpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.testkit.PythonProcess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float text udpkit writes, against CPython itself ({@code float_oracle.py}): for over 100,000
 * doubles, {@link PythonRepr#floatRepr} must equal {@code repr(x)}, and the JSON writer's number
 * must equal {@code json.dumps(x)}, written both from a boxed value and from a struct record read
 * in place. Skipped without python3 unless {@code -Dudpkit.requirePython=true}.
 */
class FloatReprCpythonTest {

    @Test
    void everyDoubleReadsAsCpythonPrintsIt() throws Exception {
        List<Double> values = doubles();
        StringBuilder input = new StringBuilder(values.size() * 17);
        for (double value : values) {
            input.append(String.format("%016x", Double.doubleToRawLongBits(value))).append('\n');
        }
        String[] lines = PythonProcess.run("float_oracle.py", input.toString()).split("\n");
        assertEquals(values.size(), lines.length, "one line per double");

        JsonDocumentWriter json = new JsonDocumentWriter(JsonDialect.PYTHON);
        StructReader record = Struct.compile("<4d").reader();
        ByteBuffer packed = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder expectedArray = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double value = values.get(i);
            String[] expected = lines[i].split("\t", 2);
            String bits = Long.toHexString(Double.doubleToRawLongBits(value));
            assertEquals(expected[0], PythonRepr.floatRepr(value), "repr, bits " + bits);
            assertEquals(expected[1], json.value(value).toString(), "json, bits " + bits);
            packed.putDouble(8 * (i % 4), value);
            expectedArray.append(i % 4 == 0 ? "[" : ",").append(expected[1]);
            if (i % 4 == 3) {
                assertEquals(expectedArray.append(']').toString(),
                        json.value(record.wrap(packed, 0)).toString(), "record ending at " + i);
                expectedArray.setLength(0);
            }
        }
    }

    /** Random bit patterns, subnormals, powers of ten and two, boundaries; both signs. */
    private static List<Double> doubles() {
        List<Double> values = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(20261203L);
        for (int i = 0; i < 80_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        for (int i = 0; i < 10_000; i++) {
            // Subnormals: the smallest exhaustively, then random ones.
            long bits = i < 5_000 ? i + 1 : random.nextLong(1L << 52);
            values.add(Double.longBitsToDouble(bits));
        }
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            values.add(power);
            values.add(-Math.nextUp(power));
        }
        for (int e = -324; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            values.add(power);
            values.add(Math.nextDown(power));
            values.add(-Math.nextUp(power));
        }
        for (int i = 0; i < 10_000; i++) {
            // Short decimals, where the ends of the rounding interval matter most.
            values.add(Double.parseDouble(random.nextLong(1_000_000) + "e" + (random.nextInt(600) - 300)));
        }
        double[] edges = {1e16, Math.nextDown(1e16), 1e-4, Math.nextDown(1e-4), 1e-5,
            9.999999999999999e22, 1e23, 5e-324, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE, 0.0, 1.5e300, 0.1, 0.3, 0.1 + 0.2, 2.5, 100.0, 9007199254740993.0,
            Double.NaN, Double.POSITIVE_INFINITY, 123456789012345680.0, 4.35, 1.0 / 3};
        for (double edge : edges) {
            values.add(edge);
            values.add(-edge);
        }
        while (values.size() % 4 != 0) {
            values.add(1.0);
        }
        return values;
    }
}
