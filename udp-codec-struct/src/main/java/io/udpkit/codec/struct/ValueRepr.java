package io.udpkit.codec.struct;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Prints unpacked values as CPython prints the tuple {@code struct.unpack} returns:
 * {@code (1, b'ab', 2, 3, 3, 2.5)}. Integers exact, {@code ?} as {@code True}/{@code False},
 * floats as {@code repr(float)} (shortest round-trip digits, {@code 1e+16}, {@code inf},
 * {@code nan}), bytes as {@code b'...'} with Python's quoting and escapes. Only for the
 * {@code toString} of values this package returns: the server's output formatting (Python repr
 * and JSON of any value) lives with the launchers.
 */
final class ValueRepr {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ValueRepr() {
    }

    static String tuple(List<?> values) {
        StringBuilder out = new StringBuilder(8 * values.size() + 2).append('(');
        int size = values.size();
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, values.get(i));
        }
        return out.append(size == 1 ? ",)" : ")").toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof byte[]) {
            appendBytes(out, (byte[]) value);
        } else if (value instanceof Boolean) {
            out.append((Boolean) value ? "True" : "False");
        } else if (value instanceof Double) {
            appendFloat(out, (Double) value);
        } else {
            out.append(value);
        }
    }

    private static void appendBytes(StringBuilder out, byte[] bytes) {
        boolean single = false;
        boolean dbl = false;
        for (byte b : bytes) {
            single |= b == '\'';
            dbl |= b == '"';
        }
        char quote = single && !dbl ? '"' : '\'';
        out.append('b').append(quote);
        for (byte value : bytes) {
            int b = value & 0xff;
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

    /** Python's repr(float): shortest digits that read back, fixed for 1e-4 <= |x| < 1e16. */
    private static void appendFloat(StringBuilder out, double value) {
        if (Double.isNaN(value)) {
            out.append("nan");
            return;
        }
        if (Double.isInfinite(value)) {
            out.append(value > 0 ? "inf" : "-inf");
            return;
        }
        if (value == 0) {
            out.append(Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0");
            return;
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale();
        if (value < 0) {
            out.append('-');
        }
        if (point <= -4 || point > 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int exponent = point - 1;
            out.append(exponent < 0 ? "e-" : "e+");
            if (Math.abs(exponent) < 10) {
                out.append('0');
            }
            out.append(Math.abs(exponent));
        } else if (point <= 0) {
            out.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            out.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
    }

    /** The shortest decimal reading back as {@code magnitude}; the nearer one on a tie of length. */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal exact = new BigDecimal(magnitude);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downReads = down.doubleValue() == magnitude;
            boolean upReads = up.doubleValue() == magnitude;
            if (downReads && upReads) {
                return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN))
                        .stripTrailingZeros();
            }
            if (downReads || upReads) {
                return (downReads ? down : up).stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
