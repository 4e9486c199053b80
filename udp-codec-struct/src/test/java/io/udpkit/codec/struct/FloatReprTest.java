package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatRepr}, the allocation-free {@code repr(float)}, against {@link BigDecimalFloatRepr},
 * the slow exact formatter it replaced (itself checked against CPython), and the arithmetic it
 * rests on checked exactly. The comparison with CPython itself is udp-format's
 * {@code FloatReprCpythonTest}.
 */
class FloatReprTest {

    private static void assertSameAsOracle(double value) {
        String expected = BigDecimalFloatRepr.repr(value);
        byte[] text = new byte[FloatRepr.MAX_LENGTH + 8];
        text[3 + FloatRepr.MAX_LENGTH] = '#';
        int end = FloatRepr.write(value, text, 3);
        String actual = new String(text, 3, end - 3, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!expected.equals(actual)) {
            assertEquals(expected, actual, "repr of bits " + Long.toHexString(Double.doubleToRawLongBits(value)));
        }
        assertEquals('#', text[3 + FloatRepr.MAX_LENGTH], "wrote past MAX_LENGTH");
    }

    @Test
    void layoutFollowsCpython() {
        String[][] cases = {
            {"1e+16", "1e16"}, {"1e-05", "1e-5"}, {"0.0001", "1e-4"}, {"1.5e+300", "1.5e300"},
            {"-0.0", "-0.0"}, {"0.0", "0.0"}, {"inf", "Infinity"}, {"-inf", "-Infinity"},
            {"nan", "NaN"}, {"9999999999999998.0", "9999999999999998"}, {"5e-324", "4.9e-324"},
            {"1.7976931348623157e+308", "1.7976931348623157e308"}, {"2.5", "2.5"},
            {"100.0", "100"}, {"0.1", "0.1"}, {"0.30000000000000004", "0.30000000000000004"},
            {"123.456", "123.456"}, {"1e+22", "1e22"}, {"1e+23", "1e23"},
            {"1e+23", "9.999999999999999e22"}, {"9.999999999999997e+22", "9.999999999999997e22"}, {"-1e-300", "-1e-300"},
            {"0.00012345", "0.00012345"}, {"1.2345e-05", "1.2345e-5"},
            {"1234567890123456.8", "1234567890123456.8"}, {"1.2345678901234568e+16", "12345678901234567"},
        };
        for (String[] c : cases) {
            double value = Double.parseDouble(c[1]);
            assertEquals(c[0], FloatRepr.repr(value), c[1]);
            assertSameAsOracle(value);
        }
        assertEquals("nan", FloatRepr.repr(Double.longBitsToDouble(0xfff8000000000001L)), "negative NaN");
    }

    @Test
    void randomBitPatternsMatchTheOracle() {
        SplittableRandom random = new SplittableRandom(18_2026_12_03L);
        for (int i = 0; i < 200_000; i++) {
            assertSameAsOracle(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void shortDecimalsAndTheirNeighboursMatchTheOracle() {
        // Values that are short decimals are where the interval's ends and exact products meet.
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            int digits = 1 + random.nextInt(17);
            long mantissa = random.nextLong((long) Math.pow(10, Math.min(digits, 17)));
            double value = Double.parseDouble(mantissa + "e" + (random.nextInt(640) - 330));
            assertSameAsOracle(value);
            assertSameAsOracle(Math.nextUp(value));
            assertSameAsOracle(Math.nextDown(value));
        }
    }

    @Test
    void powersOfTwoAndTenAndTheirNeighboursMatchTheOracle() {
        for (int e = -1074; e <= 1023; e++) {
            double value = Math.scalb(1.0, e);
            assertSameAsOracle(value);
            assertSameAsOracle(Math.nextUp(value));
            assertSameAsOracle(Math.nextDown(value));
            assertSameAsOracle(-value);
        }
        for (int e = -325; e <= 308; e++) {
            double value = Double.parseDouble("1e" + e);
            assertSameAsOracle(value);
            assertSameAsOracle(Math.nextUp(value));
            assertSameAsOracle(Math.nextDown(value));
        }
        for (long n = 1; n <= 100_000; n++) {
            assertSameAsOracle(n);
            assertSameAsOracle(n / 1000.0);
        }
    }

    @Test
    void smallSubnormalsAndBoundariesMatchTheOracle() {
        for (long c = 1; c <= 50_000; c++) {
            assertSameAsOracle(Double.longBitsToDouble(c));
        }
        double[] edges = {Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
            Double.MAX_VALUE, 1e16, Math.nextDown(1e16), 1e-4, Math.nextDown(1e-4),
            9.999999999999999e22, 1e23, 5e-324, 2.2250738585072014e-308, 4.35, 0.1 + 0.2};
        for (double edge : edges) {
            assertSameAsOracle(edge);
            assertSameAsOracle(-edge);
        }
    }

    @Test
    void floatsWidenedToDoubleMatchTheOracle() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            assertSameAsOracle(Float.intBitsToFloat(random.nextInt()));
        }
    }

    @Test
    void logarithmHelpersAreExact() {
        for (int e = -2000; e <= 2000; e++) {
            BigDecimal pow2 = e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e))
                    : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
            assertEquals(floorLog10(pow2), FloatRepr.floorLog10Pow2(e), "log10 2^" + e);
            BigDecimal threeQuarters = pow2.multiply(new BigDecimal("0.75"));
            assertEquals(floorLog10(threeQuarters), FloatRepr.floorLog10ThreeQuartersPow2(e),
                    "log10 3/4 2^" + e);
        }
        for (int e = -400; e <= 400; e++) {
            // floor(log2(10^e)) = b  iff  2^b <= 10^e < 2^(b+1)
            int b = FloatRepr.floorLog2Pow10(e);
            BigDecimal pow10 = BigDecimal.ONE.scaleByPowerOfTen(e);
            assertTrue(pow2(b).compareTo(pow10) <= 0 && pow10.compareTo(pow2(b + 1)) < 0, "log2 10^" + e);
        }
    }

    @Test
    void tenPowerSignificandsHave126Bits() {
        for (int e = TenPowers.MIN_EXPONENT; e <= TenPowers.MAX_EXPONENT; e++) {
            BigInteger g = TenPowers.significand(e);
            assertEquals(126, g.bitLength(), "10^" + e);
            assertEquals(g, BigInteger.valueOf(TenPowers.high(e)).shiftLeft(63)
                    .add(BigInteger.valueOf(TenPowers.low(e))), "10^" + e);
        }
    }

    private static BigDecimal pow2(int e) {
        return e >= 0 ? new BigDecimal(BigInteger.TWO.pow(e))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-e)));
    }

    /** floor(log10(x)) for x > 0, exactly. */
    private static int floorLog10(BigDecimal x) {
        int k = x.precision() - x.scale() - 1;
        return k;
    }
}
