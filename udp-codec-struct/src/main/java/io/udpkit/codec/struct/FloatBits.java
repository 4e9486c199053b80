package io.udpkit.codec.struct;

/**
 * IEEE 754 conversions between Java doubles and the binary16 / binary32 encodings, with the exact
 * results CPython 3.11 produces on x86_64 (including which NaN bit patterns come out).
 */
final class FloatBits {

    private static final long DOUBLE_SIGN = 0x8000_0000_0000_0000L;
    private static final long DOUBLE_QUIET_NAN = 0x7ff8_0000_0000_0000L;
    private static final long DOUBLE_MANTISSA = 0x000f_ffff_ffff_ffffL;
    private static final double TWO_POW_24 = 0x1p24;
    private static final double TWO_POW_MINUS_24 = 0x1p-24;
    /** Checked once; a constant to the JIT. */
    private static final boolean WIDENING_KEEPS_NAN_BITS = wideningKeepsNanBits();

    private FloatBits() {
    }

    /**
     * Rounds a double to binary16 (round half to even), as CPython's {@code PyFloat_Pack2}.
     *
     * @throws StructException "float too large to pack with e format" when a finite value rounds
     *     beyond 65504
     */
    static short toHalf(double value) {
        long bits = Double.doubleToRawLongBits(value);
        int sign = (int) (bits >>> 48) & 0x8000;
        if (Double.isNaN(value)) {
            // CPython emits the one quiet NaN that carries only the top fraction bit.
            return (short) (sign | 0x7e00);
        }
        if (Double.isInfinite(value)) {
            return (short) (sign | 0x7c00);
        }
        double magnitude = Math.abs(value);
        if (magnitude < 0x1p-14) {
            // Subnormal range: the integer count of 2^-24 steps, rounded half to even. A result
            // of 1024 is the smallest normal number, whose encoding is the same integer.
            int steps = (int) Math.rint(magnitude * TWO_POW_24);
            return (short) (sign | steps);
        }
        int exponent = Math.getExponent(magnitude);
        int mantissa = (int) Math.rint(Math.scalb(magnitude, 10 - exponent));
        if (mantissa == 2048) {
            mantissa = 1024;
            exponent++;
        }
        if (exponent > 15) {
            throw new StructException(StructException.Kind.OVERFLOW,
                    "float too large to pack with e format");
        }
        return (short) (sign | (exponent + 15) << 10 | (mantissa - 1024));
    }

    /** Widens binary16 bits to a double exactly; every NaN becomes the quiet NaN with its sign. */
    static double fromHalf(short half) {
        int bits = half & 0xffff;
        boolean negative = (bits & 0x8000) != 0;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        double magnitude;
        if (exponent == 0) {
            magnitude = fraction * TWO_POW_MINUS_24;
        } else if (exponent == 0x1f) {
            if (fraction != 0) {
                return Double.longBitsToDouble(DOUBLE_QUIET_NAN | (negative ? DOUBLE_SIGN : 0L));
            }
            magnitude = Double.POSITIVE_INFINITY;
        } else {
            magnitude = Math.scalb((double) (1024 + fraction), exponent - 25);
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * Narrows a double to binary32 bits. Finite values round to nearest even; NaNs keep their
     * sign and top 23 fraction bits and become quiet, as the x86 conversion CPython relies on.
     *
     * @param overflowIsError true for standard sizes, where CPython raises "float too large to
     *     pack with f format"; false for native {@code @f}, a plain C cast that yields infinity
     */
    static int toFloat(double value, boolean overflowIsError) {
        if (Double.isNaN(value)) {
            long bits = Double.doubleToRawLongBits(value);
            int sign = (int) (bits >>> 32) & 0x8000_0000;
            return sign | 0x7fc0_0000 | (int) ((bits & DOUBLE_MANTISSA) >>> 29);
        }
        float narrowed = (float) value;
        if (overflowIsError && Float.isInfinite(narrowed) && !Double.isInfinite(value)) {
            throw new StructException(StructException.Kind.OVERFLOW,
                    "float too large to pack with f format");
        }
        return Float.floatToRawIntBits(narrowed);
    }

    /**
     * Widens binary32 bits to a double exactly; a NaN becomes quiet and keeps its sign and payload.
     * Where the JVM's own widening already does that (x86_64 and aarch64 HotSpot), it is used as
     * is: the NaN test costs ~0.6 ns per value on the hot path (JMH).
     */
    static double fromFloat(int bits) {
        if (WIDENING_KEEPS_NAN_BITS) {
            return Float.intBitsToFloat(bits);
        }
        return fromFloatNanAware(bits);
    }

    private static double fromFloatNanAware(int bits) {
        if ((bits & 0x7f80_0000) == 0x7f80_0000 && (bits & 0x007f_ffff) != 0) {
            long sign = (bits & 0x8000_0000L) << 32;
            return Double.longBitsToDouble(
                    sign | DOUBLE_QUIET_NAN | (long) (bits & 0x007f_ffff) << 29);
        }
        return Float.intBitsToFloat(bits);
    }

    /**
     * Whether plain float-to-double widening gives exactly {@link #fromFloatNanAware}'s bits for
     * NaNs (signalling and quiet, both signs, edge payloads); the JLS leaves NaN bits open.
     */
    static boolean wideningKeepsNanBits() {
        int[] nans = {0x7f80_0001, 0xff80_0001, 0x7fbf_ffff, 0x7fc0_0000, 0xffc0_0001, 0x7fff_ffff,
            0xffa0_0005};
        for (int bits : nans) {
            double widened = Float.intBitsToFloat(bits);
            if (Double.doubleToRawLongBits(widened)
                    != Double.doubleToRawLongBits(fromFloatNanAware(bits))) {
                return false;
            }
        }
        return true;
    }
}
