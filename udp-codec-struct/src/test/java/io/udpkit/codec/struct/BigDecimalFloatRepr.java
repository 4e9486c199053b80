package io.udpkit.codec.struct;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The test oracle for {@link FloatRepr}: udpkit's earlier formatter of {@code repr(float)}, slow
 * and plainly correct (checked against CPython by the struct and format tests before the fast
 * path replaced it), kept to compare the fast path with on millions of doubles without a Python
 * process. Public for udp-bench's before/after JSON benchmark (this module's test jar).
 *
 * <p>CPython prints the shortest decimal that reads back as the same double (David Gay's mode 0):
 * among the shortest such decimals, the one nearest the exact value. JDK 17's
 * {@link Double#toString(double)} sometimes prints more digits than needed (fixed only in JDK 19),
 * so the digits are found here by trying 1 to 17 significant digits, rounding the exact binary
 * value down and up, and keeping the first length at which a candidate round-trips.
 */
public final class BigDecimalFloatRepr {

    /** A double always round-trips with 17 significant digits. */
    private static final int MAX_DIGITS = 17;

    private BigDecimalFloatRepr() {
    }

    /**
     * Returns {@code repr(value)} as CPython 3 prints it: {@code 2.5}, {@code 100.0}, {@code 1e+16},
     * {@code 1e-05}, {@code -0.0}, {@code inf}, {@code -inf}, {@code nan}.
     *
     * @param value any double
     * @return the Python repr
     */
    public static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(value);
        String digits = shortest.unscaledValue().abs().toString();
        // Python's decpt: the value is 0.DIGITS x 10^decpt.
        int decpt = digits.length() - shortest.scale();
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (value < 0) {
            out.append('-');
        }
        if (decpt <= -4 || decpt > 16) {
            appendScientific(out, digits, decpt - 1);
        } else {
            appendFixed(out, digits, decpt);
        }
        return out.toString();
    }

    /** The shortest decimal (trailing zeros stripped) that parses back to {@code value}. */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= MAX_DIGITS; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downOk = down.doubleValue() == value;
            boolean upOk = up.doubleValue() == value;
            if (downOk && upOk) {
                // Both round-trip: keep the nearer, as Gay's algorithm does (ties go to the even
                // last digit, as round-half-even would).
                BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
                return nearest.stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
        }
        throw new AssertionError("no 17-digit decimal round-trips for " + value);
    }

    private static void appendScientific(StringBuilder out, String digits, int exponent) {
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        out.append(magnitude);
    }

    private static void appendFixed(StringBuilder out, String digits, int decpt) {
        if (decpt <= 0) {
            out.append("0.");
            out.append("0".repeat(-decpt));
            out.append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits);
            out.append("0".repeat(decpt - digits.length()));
            out.append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
    }
}
