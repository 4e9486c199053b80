package io.udpkit.codec.struct;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads and writes the items of a {@link Layout} at absolute buffer indexes: value conversion
 * with CPython's checks and messages on the way in, the value mapping on the way out.
 */
final class ItemCodec {

    private static final BigInteger TWO_POW_64 = BigInteger.ONE.shiftLeft(64);

    private ItemCodec() {
    }

    /**
     * Converts and (when {@code out} is not null) writes every value at {@code base}, in format
     * order. The region must already be zero: pad bytes and string padding are not written.
     * With {@code out == null} this only validates, so a caller can refuse bad values before
     * touching its buffer. The values come from {@code array} when it is not null, else from
     * {@code values}: taking both spares the varargs callers a list wrapper per call.
     */
    static void packAll(Layout layout, Object[] array, List<?> values, ByteBuffer out, int base) {
        boolean big = layout.bigEndian;
        int v = 0;
        for (int run = 0; run < layout.runCount; run++) {
            int at = base + layout.offset[run];
            int unit = layout.itemSize[run];
            byte kind = layout.kind[run];
            switch (kind) {
                case Layout.STRING: {
                    byte[] bytes = bytesArgument(valueAt(array, values, v++), 's');
                    if (out != null) {
                        out.put(at, bytes, 0, Math.min(bytes.length, unit));
                    }
                    break;
                }
                case Layout.PASCAL: {
                    byte[] bytes = bytesArgument(valueAt(array, values, v++), 'p');
                    if (out != null) {
                        packPascal(bytes, out, at, unit, base + layout.size);
                    }
                    break;
                }
                case Layout.CHAR: {
                    for (int k = 0; k < layout.repeat[run]; k++, at += unit) {
                        Object value = valueAt(array, values, v++);
                        if (!(value instanceof byte[]) || ((byte[]) value).length != 1) {
                            throw new StructException(
                                    "char format requires a bytes object of length 1");
                        }
                        if (out != null) {
                            out.put(at, ((byte[]) value)[0]);
                        }
                    }
                    break;
                }
                case Layout.BOOL: {
                    for (int k = 0; k < layout.repeat[run]; k++, at += unit) {
                        boolean truth = truthOf(valueAt(array, values, v++));
                        if (out != null) {
                            out.put(at, truth ? (byte) 1 : (byte) 0);
                        }
                    }
                    break;
                }
                case Layout.HALF:
                case Layout.FLOAT:
                case Layout.DOUBLE: {
                    for (int k = 0; k < layout.repeat[run]; k++, at += unit) {
                        Object argument = valueAt(array, values, v++);
                        double value = doubleArgument(argument);
                        if (kind == Layout.DOUBLE) {
                            if (out != null) {
                                ByteAccess.putLong(out, at, Double.doubleToRawLongBits(value),
                                        big);
                            }
                            continue;
                        }
                        try {
                            if (kind == Layout.HALF) {
                                short bits = FloatBits.toHalf(value);
                                if (out != null) {
                                    ByteAccess.putShort(out, at, bits, big);
                                }
                            } else {
                                int bits = FloatBits.toFloat(value, !layout.nativeFloatCast);
                                if (out != null) {
                                    ByteAccess.putInt(out, at, bits, big);
                                }
                            }
                        } catch (StructException overflow) {
                            // CPython rewords any overflow while packing an int argument.
                            if (isIntegral(argument)) {
                                throw new StructException("int too large to convert");
                            }
                            throw overflow;
                        }
                    }
                    break;
                }
                default: {
                    IntegerRule rule = layout.rule[run];
                    for (int k = 0; k < layout.repeat[run]; k++, at += unit) {
                        long bits = rule.toBits(valueAt(array, values, v++));
                        if (out != null) {
                            putInteger(out, at, unit, bits, big);
                        }
                    }
                    break;
                }
            }
        }
    }

    private static Object valueAt(Object[] array, List<?> values, int index) {
        return array != null ? array[index] : values.get(index);
    }

    /**
     * CPython's {@code p}: copies min(len, count-1) bytes after a length byte that holds
     * min(that, 255). For {@code 0p} CPython still stores its length byte, -1 as 0xff, at the
     * field's offset, where a later item may overwrite it; we do the same, but never past the
     * end of the struct.
     */
    private static void packPascal(byte[] bytes, ByteBuffer out, int at, int count, int end) {
        if (count == 0) {
            if (at < end) {
                out.put(at, (byte) 0xff);
            }
            return;
        }
        int n = Math.min(bytes.length, count - 1);
        out.put(at + 1, bytes, 0, n);
        out.put(at, (byte) Math.min(n, 255));
    }

    private static void putInteger(ByteBuffer out, int at, int unit, long bits, boolean big) {
        switch (unit) {
            case 1:
                out.put(at, (byte) bits);
                break;
            case 2:
                ByteAccess.putShort(out, at, (short) bits, big);
                break;
            case 4:
                ByteAccess.putInt(out, at, (int) bits, big);
                break;
            default:
                ByteAccess.putLong(out, at, bits, big);
                break;
        }
    }

    private static boolean isIntegral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger
                || value instanceof AtomicLong || value instanceof AtomicInteger;
    }

    private static byte[] bytesArgument(Object value, char code) {
        if (!(value instanceof byte[])) {
            throw new StructException("argument for '" + code + "' must be a bytes object");
        }
        return (byte[]) value;
    }

    /** Python truthiness for the value types we accept for {@code ?}. */
    private static boolean truthOf(Object value) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof AtomicLong
                || value instanceof AtomicInteger) {
            return ((Number) value).longValue() != 0;
        }
        if (value instanceof BigInteger) {
            return ((BigInteger) value).signum() != 0;
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).signum() != 0;
        }
        if (value instanceof Number) {
            // NaN is true in Python, and NaN != 0 is true here too.
            return ((Number) value).doubleValue() != 0;
        }
        throw new StructException("'?' format requires a Boolean or a Number");
    }

    private static double doubleArgument(Object value) {
        if (value instanceof BigInteger) {
            double converted = ((BigInteger) value).doubleValue();
            if (Double.isInfinite(converted)) {
                // Python's int-to-float conversion overflows here; struct reports it so.
                throw new StructException("required argument is not a float");
            }
            return converted;
        }
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? 1.0 : 0.0;
        }
        throw new StructException("required argument is not a float");
    }

    /** The boxed value of value {@code index} (in run {@code run}) of a struct at {@code base}. */
    static Object read(Layout layout, ByteBuffer buf, int base, int run, int index) {
        int at = base + layout.offsetOf(run, index);
        switch (layout.kind[run]) {
            case Layout.BOOL:
                return buf.get(at) != 0;
            case Layout.HALF:
            case Layout.FLOAT:
            case Layout.DOUBLE:
                return readDouble(layout, buf, at, run);
            case Layout.CHAR:
            case Layout.STRING:
            case Layout.PASCAL: {
                byte[] bytes = new byte[bytesLength(layout, buf, at, run)];
                copyBytes(layout, buf, at, run, bytes);
                return bytes;
            }
            case Layout.UINT64: {
                long bits = ByteAccess.getLong(buf, at, layout.bigEndian);
                return bits >= 0 ? (Object) bits : BigInteger.valueOf(bits).add(TWO_POW_64);
            }
            default:
                return readLong(layout, buf, at, run);
        }
    }

    /** An integer or {@code ?} item at absolute index {@code at}; UINT64 as raw bits. */
    static long readLong(Layout layout, ByteBuffer buf, int at, int run) {
        return readLong(layout.kind[run], buf, at, layout.bigEndian);
    }

    /** An integer or {@code ?} item of {@code kind} at absolute index {@code at}; UINT64 as raw bits. */
    static long readLong(byte kind, ByteBuffer buf, int at, boolean big) {
        switch (kind) {
            case Layout.BOOL:
                return buf.get(at) != 0 ? 1L : 0L;
            case Layout.INT8:
                return buf.get(at);
            case Layout.UINT8:
                return buf.get(at) & 0xffL;
            case Layout.INT16:
                return ByteAccess.getShort(buf, at, big);
            case Layout.UINT16:
                return ByteAccess.getShort(buf, at, big) & 0xffffL;
            case Layout.INT32:
                return ByteAccess.getInt(buf, at, big);
            case Layout.UINT32:
                return ByteAccess.getInt(buf, at, big) & 0xffff_ffffL;
            default:
                return ByteAccess.getLong(buf, at, big);
        }
    }

    /** An {@code e}, {@code f} or {@code d} item at absolute index {@code at}. */
    static double readDouble(Layout layout, ByteBuffer buf, int at, int run) {
        return readDouble(layout.kind[run], buf, at, layout.bigEndian);
    }

    /** An {@code e}, {@code f} or {@code d} item of {@code kind} at absolute index {@code at}. */
    static double readDouble(byte kind, ByteBuffer buf, int at, boolean big) {
        switch (kind) {
            case Layout.HALF:
                return FloatBits.fromHalf(ByteAccess.getShort(buf, at, big));
            case Layout.FLOAT:
                return FloatBits.fromFloat(ByteAccess.getInt(buf, at, big));
            default:
                return Double.longBitsToDouble(ByteAccess.getLong(buf, at, big));
        }
    }

    /**
     * Length of the bytes value of a {@code c s p} item: 1, the count, or the Pascal length
     * byte capped at count-1 as CPython does. CPython fails on unpacking {@code 0p} (an internal
     * SystemError); we return an empty value instead.
     */
    static int bytesLength(Layout layout, ByteBuffer buf, int at, int run) {
        switch (layout.kind[run]) {
            case Layout.CHAR:
                return 1;
            case Layout.STRING:
                return layout.itemSize[run];
            default: {
                int count = layout.itemSize[run];
                if (count == 0) {
                    return 0;
                }
                return Math.min(buf.get(at) & 0xff, count - 1);
            }
        }
    }

    /** Copies the bytes value of a {@code c s p} item into {@code dst}; returns its length. */
    static int copyBytes(Layout layout, ByteBuffer buf, int at, int run, byte[] dst) {
        int length = bytesLength(layout, buf, at, run);
        if (length == 0) {
            // A 0p field may sit at the very end of the buffer: there is nothing to read.
            return 0;
        }
        int start = layout.kind[run] == Layout.PASCAL ? at + 1 : at;
        buf.get(start, dst, 0, length);
        return length;
    }
}
