package io.udpkit.codec.struct;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one integer format code, under one byte order, accepts a value for packing: which values
 * fit and which of CPython's messages a misfit gets. CPython 3.11 on x86_64 uses different C
 * functions per table (native, little-endian borrowing the native functions where sizes match,
 * big-endian), and each words its errors differently; {@link #forCode} reproduces that table.
 */
final class IntegerRule {

    /** The first test a value meets, mirroring which CPython conversion the code uses. */
    enum Precheck {
        /** Must fit a C long; otherwise "argument out of range". */
        SIGNED_LONG,
        /** Must fit an unsigned C long; otherwise "argument out of range". */
        UNSIGNED_LONG,
        /** Signed 64-bit via byte-array conversion; otherwise "int too large to convert". */
        SIGNED_BYTES,
        /** Unsigned 64-bit via byte-array conversion; otherwise "int too large to convert". */
        UNSIGNED_BYTES,
        /** A native pointer: anything from -2^63 to 2^64-1; otherwise "int too large to convert". */
        POINTER
    }

    private static final String OUT_OF_RANGE = "argument out of range";
    private static final String TOO_LARGE = "int too large to convert";

    private final Precheck precheck;
    private final long min;
    private final long max;
    private final String rangeMessage;

    private IntegerRule(Precheck precheck, long min, long max, String rangeMessage) {
        this.precheck = precheck;
        this.min = min;
        this.max = max;
        this.rangeMessage = rangeMessage;
    }

    /**
     * The rule for integer code {@code code} under byte order {@code order} ('@', '=', '<', '>'
     * or '!'), for a host with little-endian native order as x86_64.
     */
    static IntegerRule forCode(char order, char code, int size) {
        boolean bigEndian = order == '>' || order == '!';
        switch (code) {
            case 'b':
                return new IntegerRule(Precheck.SIGNED_LONG, -128, 127,
                        "byte format requires -128 <= number <= 127");
            case 'B':
                return new IntegerRule(Precheck.SIGNED_LONG, 0, 255,
                        "ubyte format requires 0 <= number <= 255");
            case 'n':
                return new IntegerRule(Precheck.SIGNED_LONG, Long.MIN_VALUE, Long.MAX_VALUE, null);
            case 'N':
                return new IntegerRule(Precheck.UNSIGNED_LONG, 0, -1L, null);
            case 'P':
                return new IntegerRule(Precheck.POINTER, 0, -1L, null);
            default:
                break;
        }
        boolean signed = Character.isLowerCase(code);
        if (size == 8) {
            if (bigEndian) {
                return new IntegerRule(signed ? Precheck.SIGNED_BYTES : Precheck.UNSIGNED_BYTES,
                        0, -1L, null);
            }
            return signed
                    ? new IntegerRule(Precheck.SIGNED_LONG, Long.MIN_VALUE, Long.MAX_VALUE, null)
                    : new IntegerRule(Precheck.UNSIGNED_LONG, 0, -1L, null);
        }
        long unsignedMax = (1L << (8 * size)) - 1;
        if (size == 2 && !bigEndian) {
            // Native short functions, also borrowed by '<' and '=' on a little-endian host.
            return signed
                    ? new IntegerRule(Precheck.SIGNED_LONG, -32768, 32767,
                            "short format requires -32768 <= number <= 32767")
                    : new IntegerRule(Precheck.SIGNED_LONG, 0, 65535,
                            "ushort format requires 0 <= number <= 65535");
        }
        long signedMax = unsignedMax >>> 1;
        return signed
                ? new IntegerRule(Precheck.SIGNED_LONG, -signedMax - 1, signedMax,
                        "'" + code + "' format requires " + (-signedMax - 1) + " <= number <= "
                                + signedMax)
                : new IntegerRule(Precheck.UNSIGNED_LONG, 0, unsignedMax,
                        "'" + code + "' format requires 0 <= number <= " + unsignedMax);
    }

    /** The smallest value this code stores, for codes of fewer than 8 bytes. */
    long minimum() {
        return min;
    }

    /** The largest value this code stores, for codes of fewer than 8 bytes. */
    long maximum() {
        return max;
    }

    /**
     * Converts {@code value} to the two's-complement bits to store, or throws CPython's error.
     *
     * @throws StructException "required argument is not an integer" for a non-integral value,
     *     or the range message of this code
     */
    long toBits(Object value) {
        long bits;
        if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof AtomicLong
                || value instanceof AtomicInteger) {
            bits = ((Number) value).longValue();
        } else if (value instanceof Boolean) {
            bits = ((Boolean) value) ? 1L : 0L;
        } else if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.bitLength() > 63) {
                return bigToBits(big);
            }
            bits = big.longValue();
        } else {
            throw new StructException("required argument is not an integer");
        }
        return check(bits);
    }

    /**
     * Checks a value already held in a long, as {@link #toBits(Object)} checks a boxed one.
     *
     * @throws StructException the range message of this code
     */
    long check(long bits) {
        switch (precheck) {
            case SIGNED_LONG:
                if (rangeMessage != null && (bits < min || bits > max)) {
                    throw new StructException(rangeMessage);
                }
                return bits;
            case UNSIGNED_LONG:
                if (bits < 0) {
                    throw new StructException(OUT_OF_RANGE);
                }
                if (rangeMessage != null && bits > max) {
                    throw new StructException(rangeMessage);
                }
                return bits;
            case UNSIGNED_BYTES:
                if (bits < 0) {
                    throw new StructException(TOO_LARGE);
                }
                return bits;
            default:
                return bits;
        }
    }

    /** A value outside the signed 64-bit range: only unsigned 64-bit slots can take it. */
    private long bigToBits(BigInteger big) {
        boolean fitsUnsigned64 = big.signum() > 0 && big.bitLength() <= 64;
        switch (precheck) {
            case SIGNED_LONG:
            case UNSIGNED_LONG:
                if (precheck == Precheck.UNSIGNED_LONG && fitsUnsigned64) {
                    if (rangeMessage != null) {
                        throw new StructException(rangeMessage);
                    }
                    return big.longValue();
                }
                throw new StructException(OUT_OF_RANGE);
            case UNSIGNED_BYTES:
            case POINTER:
                if (fitsUnsigned64) {
                    return big.longValue();
                }
                throw new StructException(TOO_LARGE);
            default:
                throw new StructException(TOO_LARGE);
        }
    }
}
