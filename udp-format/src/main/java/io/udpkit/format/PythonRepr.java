package io.udpkit.format;

import io.udpkit.codec.struct.PythonLiterals;
import io.udpkit.codec.struct.StructReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes decoded values the way CPython's {@code repr()} prints them, so a Java server's output
 * reads exactly like the Python recipe's: {@code (1, b'ab', 2, 3, 3, 2.5)}.
 *
 * <p>Mapping: a {@link StructReader} (a struct record) and a {@link List} are tuples
 * ({@code (5,)} for one element); {@code byte[]} and
 * {@link ByteBuffer} are {@code bytes}; {@link String} is {@code str}; {@link Boolean} is
 * {@code True}/{@code False}; {@link Double} and {@link Float} are {@code float} (shortest repr that
 * round-trips, {@code inf}, {@code nan}); integral numbers, {@link BigInteger} included, print their
 * exact decimal value. Anything else prints {@link String#valueOf(Object)}. Floats and bytes are
 * written by the struct codec's {@link PythonLiterals}, so a record's {@code toString()} and this
 * class agree. Methods are pure and thread-safe.
 */
public final class PythonRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonRepr() {
    }

    /**
     * Returns the Python repr of one value (a {@link List} prints as a tuple).
     *
     * @param value the value, may be {@code null} (prints {@code None})
     * @return the repr
     */
    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    /**
     * Returns the Python repr of a tuple holding {@code values}: {@code ()}, {@code (5,)},
     * {@code (1, b'ab', 2.5)}.
     *
     * @param values the tuple's elements
     * @return the repr
     */
    public static String tuple(List<?> values) {
        StringBuilder out = new StringBuilder(16 * values.size() + 2);
        appendTuple(out, values);
        return out.toString();
    }

    /**
     * Returns the Python repr of a {@code bytes} object: {@code b'ab'}, {@code b"it's"},
     * {@code b'\x00\n'}.
     *
     * @param bytes the bytes
     * @return the repr
     */
    public static String bytes(byte[] bytes) {
        return PythonLiterals.bytesRepr(ByteBuffer.wrap(bytes));
    }

    /**
     * Returns the Python repr of a {@code float}: {@code 2.5}, {@code 1e+16}, {@code -0.0},
     * {@code nan}.
     *
     * @param value the value
     * @return the repr
     */
    public static String floatRepr(double value) {
        return PythonLiterals.floatRepr(value);
    }

    /**
     * Returns the Python repr of a {@code str}: {@code 'data'}, {@code "it's"}, {@code '\t\x00'}.
     * Characters Python considers non-printable (controls, format characters, separators other than
     * the ASCII space, surrogates, unassigned code points) are escaped as {@code \xNN},
     * <code>&#92;uNNNN</code> or {@code \UNNNNNNNN}; the Unicode tables are the JDK's, which may be
     * a version apart from CPython's.
     *
     * @param text the string
     * @return the repr
     */
    public static String str(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        appendStr(out, text);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean) {
            out.append((Boolean) value ? "True" : "False");
        } else if (value instanceof Double || value instanceof Float) {
            out.append(PythonLiterals.floatRepr(((Number) value).doubleValue()));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof byte[]) {
            out.append(PythonLiterals.bytesRepr(ByteBuffer.wrap((byte[]) value)));
        } else if (value instanceof ByteBuffer) {
            out.append(PythonLiterals.bytesRepr((ByteBuffer) value));
        } else if (value instanceof String) {
            appendStr(out, (String) value);
        } else if (value instanceof List) {
            appendTuple(out, (List<?>) value);
        } else if (value instanceof StructReader) {
            out.append(PythonLiterals.tupleRepr((StructReader) value));
        } else {
            out.append(value);
        }
    }

    private static void appendTuple(StringBuilder out, List<?> values) {
        out.append('(');
        int size = values.size();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, values.get(i));
        }
        if (size == 1) {
            out.append(',');
        }
        out.append(')');
    }

    private static void appendStr(StringBuilder out, String text) {
        boolean hasSingle = text.indexOf('\'') >= 0;
        boolean hasDouble = text.indexOf('"') >= 0;
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        out.append(quote);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < 0x7f ? cp < 0x20 : !isPrintable(cp)) {
                appendEscape(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
        }
        out.append(quote);
    }

    private static void appendEscape(StringBuilder out, int cp) {
        if (cp <= 0xff) {
            out.append("\\x");
            appendHex(out, cp, 2);
        } else if (cp <= 0xffff) {
            out.append("\\u");
            appendHex(out, cp, 4);
        } else {
            out.append("\\U");
            appendHex(out, cp, 8);
        }
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(HEX[(value >> shift) & 0xf]);
        }
    }

    /** CPython's str.isprintable for one code point: not in Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
