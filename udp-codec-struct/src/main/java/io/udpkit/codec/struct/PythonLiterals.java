package io.udpkit.codec.struct;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntFunction;

/**
 * CPython's {@code repr()} of the values a struct record holds: {@code float} ({@code 2.5},
 * {@code 1e+16}, {@code nan}), {@code bytes} ({@code b'ab'}, {@code b'\x00'}) and a record as a
 * tuple ({@code (1, b'ab', 2.5)}). {@link StructReader#toString()} and the lists
 * {@link Struct#unpack} returns use it; so does
 * {@code io.udpkit.format.PythonRepr} in udp-format, for every value it prints. Pure and
 * thread-safe.
 */
public final class PythonLiterals {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonLiterals() {
    }

    /**
     * The repr of a Python {@code float}: the shortest decimal that reads back as the same
     * double, in CPython's layout ({@code 2.5}, {@code 1e+16}, {@code 1e-05}, {@code -0.0},
     * {@code inf}, {@code nan}).
     *
     * @param value the value
     * @return the repr
     */
    public static String floatRepr(double value) {
        return FloatRepr.repr(value);
    }

    /** The most bytes {@link #writeFloatRepr} writes: {@code -2.2250738585072014e-308}. */
    public static final int FLOAT_REPR_MAX_LENGTH = FloatRepr.MAX_LENGTH;

    /**
     * Writes the repr of a Python {@code float}, as {@link #floatRepr(double)} returns it, as ASCII
     * bytes into {@code dst}, allocating nothing.
     *
     * @param value the value
     * @param dst   the destination; needs up to {@link #FLOAT_REPR_MAX_LENGTH} bytes from {@code at}
     * @param at    the index of the first byte written
     * @return the index after the last byte written
     * @throws ArrayIndexOutOfBoundsException if {@code dst} is too short
     */
    public static int writeFloatRepr(double value, byte[] dst, int at) {
        return FloatRepr.write(value, dst, at);
    }

    /**
     * The repr of a Python {@code bytes} object holding the bytes between the buffer's position
     * and limit, read by absolute index (the buffer is not changed): {@code b'ab'},
     * {@code b"it's"}, {@code b'\x00\n'}.
     *
     * @param bytes the bytes
     * @return the repr
     */
    public static String bytesRepr(ByteBuffer bytes) {
        StringBuilder out = new StringBuilder(bytes.remaining() + 3);
        appendBytes(out, bytes);
        return out.toString();
    }

    /** Appends the repr of the bytes between position and limit, by absolute index. */
    static void appendBytes(StringBuilder out, ByteBuffer bytes) {
        int from = bytes.position();
        int to = bytes.limit();
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = from; i < to; i++) {
            byte b = bytes.get(i);
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        out.append('b').append(quote);
        for (int i = from; i < to; i++) {
            int b = bytes.get(i) & 0xff;
            if (b == quote || b == '\\') {
                out.append('\\').append((char) b);
            } else if (b == '\t') {
                out.append("\\t");
            } else if (b == '\n') {
                out.append("\\n");
            } else if (b == '\r') {
                out.append("\\r");
            } else if (b < 0x20 || b >= 0x7f) {
                out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xf]);
            } else {
                out.append((char) b);
            }
        }
        out.append(quote);
    }

    /**
     * The repr of the record a reader views, as CPython prints the tuple {@code struct.unpack}
     * returns: {@code (1, b'ab', 2, 3, 3, 2.5)}, {@code (5,)}, {@code ()}.
     *
     * @param record a wrapped reader
     * @return the repr
     * @throws IllegalStateException if the reader has not been wrapped
     */
    public static String tupleRepr(StructReader record) {
        return tuple(record.size(), record::get);
    }

    /** The repr of unpacked values as a tuple, for {@link UnpackedValues#toString()}. */
    static String tupleRepr(List<?> values) {
        return tuple(values.size(), values::get);
    }

    private static String tuple(int size, IntFunction<Object> value) {
        StringBuilder out = new StringBuilder(16 * size + 2);
        out.append('(');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            appendValue(out, value.apply(i));
        }
        if (size == 1) {
            out.append(',');
        }
        return out.append(')').toString();
    }

    /** One unpacked value: Long, BigInteger, Boolean, Double or byte[]. */
    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof Boolean) {
            out.append((Boolean) value ? "True" : "False");
        } else if (value instanceof Double) {
            out.append(FloatRepr.repr((Double) value));
        } else if (value instanceof byte[]) {
            appendBytes(out, ByteBuffer.wrap((byte[]) value));
        } else {
            out.append(value);
        }
    }
}
