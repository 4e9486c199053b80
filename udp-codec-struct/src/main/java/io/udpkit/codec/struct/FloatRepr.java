package io.udpkit.codec.struct;

import java.nio.charset.StandardCharsets;

/**
 * Formats a {@code double} exactly as CPython's {@code repr(float)} does, as ASCII bytes written
 * into the caller's array, allocating nothing.
 *
 * <p>CPython prints the shortest decimal that reads back as the same double (David Gay's mode 0):
 * among the shortest such decimals, the one nearest the exact value, ties to an even last digit.
 * The digits are found here the Schubfach way (R. Giulietti, "The Schubfach way to render
 * doubles", 2020): for {@code v = c * 2^q} let {@code 10^k} be the largest power of ten not above
 * the width of the interval of reals that round to {@code v}. That interval then holds at most one
 * multiple of {@code 10^(k+1)}, which if present is the answer, and at least one multiple of
 * {@code 10^k}, of which the answer is the nearest to {@code v}. The comparisons need {@code v},
 * the interval's ends and {@code 10^-k} only to 2 bits below the units of {@code 10^k}: each is
 * one 64 x 126-bit product ({@link TenPowers}) rounded to odd, which keeps them exact. Unlike
 * JDK 19+'s {@code Double.toString}, which has the same core, nothing here prefers two digits
 * over one: {@code 5e-324}, not {@code 4.9E-324}.
 *
 * <p>The layout is CPython's: positional when the decimal point falls within the first 16
 * digits and the value is at least {@code 1e-4}, else scientific with a signed exponent of at
 * least two digits ({@code 1e+16}, {@code 1e-05}); {@code -0.0}, {@code inf}, {@code nan}.
 */
final class FloatRepr {

    /** The longest repr, {@code -2.2250738585072014e-308}, in bytes. */
    static final int MAX_LENGTH = 24;

    private static final int SIGNIFICAND_BITS = 52;
    private static final long HIDDEN_BIT = 1L << SIGNIFICAND_BITS;
    private static final int EXPONENT_BIAS = 1075;
    /** The binary exponent of a subnormal's unit, 2^-1074. */
    private static final int MIN_BINARY_EXPONENT = 1 - EXPONENT_BIAS;

    private static final byte[] NAN = {'n', 'a', 'n'};
    private static final byte[] INF = {'i', 'n', 'f'};
    private static final byte[] ZERO = {'0', '.', '0'};

    private FloatRepr() {
    }

    /**
     * Returns {@code repr(value)} as CPython 3 prints it: {@code 2.5}, {@code 100.0}, {@code 1e+16},
     * {@code 1e-05}, {@code -0.0}, {@code inf}, {@code -inf}, {@code nan}.
     *
     * @param value any double
     * @return the Python repr
     */
    static String repr(double value) {
        byte[] text = new byte[MAX_LENGTH];
        int end = write(value, text, 0);
        return new String(text, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes {@code repr(value)} as ASCII into {@code dst} from index {@code at}.
     *
     * @param value any double
     * @param dst   where to write; needs up to {@link #MAX_LENGTH} bytes from {@code at}
     * @param at    the first index written
     * @return the index after the last byte written
     */
    static int write(double value, byte[] dst, int at) {
        long bits = Double.doubleToRawLongBits(value);
        int biasedExponent = (int) (bits >>> SIGNIFICAND_BITS) & 0x7ff;
        long fraction = bits & (HIDDEN_BIT - 1);
        int pos = at;
        if (biasedExponent == 0x7ff && fraction != 0) {
            return copy(NAN, dst, pos);
        }
        if (bits < 0) {
            dst[pos++] = '-';
        }
        if (biasedExponent == 0x7ff) {
            return copy(INF, dst, pos);
        }
        if (biasedExponent == 0) {
            if (fraction == 0) {
                return copy(ZERO, dst, pos);
            }
            return shortest(fraction, MIN_BINARY_EXPONENT, dst, pos);
        }
        return shortest(HIDDEN_BIT | fraction, biasedExponent - EXPONENT_BIAS, dst, pos);
    }

    /**
     * Finds the shortest nearest decimal for {@code c * 2^q} (c > 0) and writes it.
     * Quantities carry two extra bits: "x4" below means "times 4, over 10^k".
     */
    private static int shortest(long c, int q, byte[] dst, int at) {
        // Reading a decimal rounds half to even, so the interval's ends belong to v when c is even.
        int openEnds = (int) (c & 1);
        long c4 = c << 2;
        long c4Right = c4 + 2;
        long c4Left;
        int k;
        if (c == HIDDEN_BIT && q != MIN_BINARY_EXPONENT) {
            // A power of two: the double below is half as far as the one above.
            c4Left = c4 - 1;
            k = floorLog10ThreeQuartersPow2(q);
        } else {
            c4Left = c4 - 2;
            k = floorLog10Pow2(q);
        }
        int shift = q + floorLog2Pow10(-k) + 2;
        long high = TenPowers.high(-k);
        long low = TenPowers.low(-k);
        long vx4 = scaledRoundedToOdd(high, low, c4 << shift);
        long leftX4 = scaledRoundedToOdd(high, low, c4Left << shift);
        long rightX4 = scaledRoundedToOdd(high, low, c4Right << shift);

        long below = vx4 >> 2;
        // At most one multiple of 10^(k+1) lies in the interval; if one does, it is the shortest.
        long belowTens = below / 10 * 10;
        long aboveTens = belowTens + 10;
        boolean belowTensIn = leftX4 + openEnds <= belowTens << 2;
        boolean aboveTensIn = (aboveTens << 2) + openEnds <= rightX4;
        if (belowTensIn != aboveTensIn) {
            return layout(belowTensIn ? belowTens : aboveTens, k, dst, at);
        }
        // Else the multiple of 10^k nearest v: one of the two around it is in the interval.
        long above = below + 1;
        boolean belowIn = leftX4 + openEnds <= below << 2;
        boolean aboveIn = (above << 2) + openEnds <= rightX4;
        if (belowIn != aboveIn) {
            return layout(belowIn ? below : above, k, dst, at);
        }
        long fromMiddle = vx4 - ((below << 2) + 2);
        boolean takeBelow = fromMiddle < 0 || fromMiddle == 0 && (below & 1) == 0;
        return layout(takeBelow ? below : above, k, dst, at);
    }

    /**
     * {@code g * x / 2^127}, with {@code g = high * 2^63 + low}, rounded to odd: the floor, with
     * its lowest bit set when the discarded part is not zero. {@code x < 2^60}.
     */
    private static long scaledRoundedToOdd(long high, long low, long x) {
        long lowTimesX = Math.multiplyHigh(low, x);
        long highTimesXLow = high * x;
        long highTimesXHigh = Math.multiplyHigh(high, x);
        long middle = (highTimesXLow >>> 1) + lowTimesX;
        long floor = highTimesXHigh + (middle >>> 63);
        return (middle & Long.MAX_VALUE) == 0 ? floor : floor | 1;
    }

    /** Writes {@code digits * 10^exponent} in CPython's layout. */
    private static int layout(long digits, int exponent, byte[] dst, int at) {
        long f = digits;
        int e = exponent;
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int length = digitCount(f);
        // CPython's decpt: the value is 0.DIGITS x 10^point.
        int point = length + e;
        int pos = at;
        if (point <= -4 || point > 16) {
            // One digit, the point, the others: write the digits one place right, then move the first.
            writeDigits(f, length, dst, pos + 1);
            dst[pos] = dst[pos + 1];
            if (length > 1) {
                dst[pos + 1] = '.';
                pos += length + 1;
            } else {
                pos++;
            }
            return writeExponent(point - 1, dst, pos);
        }
        if (point <= 0) {
            dst[pos++] = '0';
            dst[pos++] = '.';
            for (int i = point; i < 0; i++) {
                dst[pos++] = '0';
            }
            writeDigits(f, length, dst, pos);
            return pos + length;
        }
        if (point >= length) {
            writeDigits(f, length, dst, pos);
            pos += length;
            for (int i = length; i < point; i++) {
                dst[pos++] = '0';
            }
            dst[pos++] = '.';
            dst[pos++] = '0';
            return pos;
        }
        // The point inside the digits: write them one place right, then move the integer part.
        writeDigits(f, length, dst, pos + 1);
        System.arraycopy(dst, pos + 1, dst, pos, point);
        dst[pos + point] = '.';
        return pos + length + 1;
    }

    private static int writeExponent(int exponent, byte[] dst, int at) {
        int pos = at;
        dst[pos++] = 'e';
        dst[pos++] = (byte) (exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude >= 100) {
            dst[pos++] = (byte) ('0' + magnitude / 100);
        }
        dst[pos++] = (byte) ('0' + magnitude / 10 % 10);
        dst[pos++] = (byte) ('0' + magnitude % 10);
        return pos;
    }

    /** Writes the {@code length} decimal digits of {@code value} at {@code dst[at..]}. */
    private static void writeDigits(long value, int length, byte[] dst, int at) {
        long rest = value;
        for (int i = at + length - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static int digitCount(long value) {
        int count = 1;
        for (long bound = 10; count < 19 && value >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    private static int copy(byte[] text, byte[] dst, int at) {
        System.arraycopy(text, 0, dst, at, text.length);
        return at + text.length;
    }

    /** {@code floor(e * log10(2))}, for {@code |e| <= 2000} (checked by a test). */
    static int floorLog10Pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** {@code floor(log10(3/4 * 2^e))}, for {@code |e| <= 2000} (checked by a test). */
    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** {@code floor(e * log2(10))}, for {@code |e| <= 400} (checked by a test). */
    static int floorLog2Pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }
}
