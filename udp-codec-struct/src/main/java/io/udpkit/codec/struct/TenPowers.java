package io.udpkit.codec.struct;

import java.math.BigInteger;

/**
 * Powers of ten as 126-bit binary significands, for {@link FloatRepr}: for each decimal exponent
 * {@code e} a double's conversion can need, the integer {@code g = floor(10^e * 2^(125 - b)) + 1}
 * with {@code b = floor(e * log2(10))}, so that {@code 2^125 <= g < 2^126} and
 * {@code 10^e} is a little below {@code g * 2^(b - 125)}. Each {@code g} is held as two
 * non-negative longs, {@code g = high * 2^63 + low}. Computed once, exactly, with
 * {@link BigInteger} when the class loads (a few milliseconds), rather than checked in.
 */
final class TenPowers {

    /** The smallest exponent needed: {@code -floor(log10(2^971))}, the largest double's scale. */
    static final int MIN_EXPONENT = -292;

    /** The largest exponent needed: {@code -floor(log10(2^-1074))}, the smallest subnormal's. */
    static final int MAX_EXPONENT = 324;

    private static final long LOW_63_BITS = Long.MAX_VALUE;

    private static final long[] HIGH = new long[MAX_EXPONENT - MIN_EXPONENT + 1];
    private static final long[] LOW = new long[MAX_EXPONENT - MIN_EXPONENT + 1];

    static {
        for (int e = MIN_EXPONENT; e <= MAX_EXPONENT; e++) {
            BigInteger g = significand(e);
            HIGH[e - MIN_EXPONENT] = g.shiftRight(63).longValueExact();
            LOW[e - MIN_EXPONENT] = g.longValue() & LOW_63_BITS;
        }
    }

    private TenPowers() {
    }

    /** {@code floor(10^e * 2^(125 - floor(e * log2 10))) + 1}, exactly. */
    static BigInteger significand(int e) {
        int shift = 125 - FloatRepr.floorLog2Pow10(e);
        BigInteger scaled;
        if (e >= 0) {
            BigInteger power = BigInteger.TEN.pow(e);
            scaled = shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
        } else {
            // shift > 0 here: 10^e < 1.
            scaled = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(-e));
        }
        return scaled.add(BigInteger.ONE);
    }

    /** The upper 63 bits of {@code g} for {@code 10^e}. */
    static long high(int e) {
        return HIGH[e - MIN_EXPONENT];
    }

    /** The lower 63 bits of {@code g} for {@code 10^e}. */
    static long low(int e) {
        return LOW[e - MIN_EXPONENT];
    }
}
