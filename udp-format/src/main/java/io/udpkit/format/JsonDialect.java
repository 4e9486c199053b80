package io.udpkit.format;

/**
 * How {@link JsonValues} writes the one thing Python's JSON and RFC 8259 disagree on: floats
 * that are not finite.
 */
public enum JsonDialect {

    /**
     * As Python's {@code json.dumps} writes them: bare {@code NaN}, {@code Infinity} and
     * {@code -Infinity}. Python's {@code json.loads} and udpkit's {@code json} codec read these;
     * strict RFC 8259 parsers refuse the whole document.
     * The default, so udpkit's output matches a Python peer's byte for byte.
     */
    PYTHON,

    /**
     * Strict RFC 8259: every document parses with any conforming parser. Non-finite floats are
     * written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, the
     * spelling of Protocol Buffers' JSON mapping and of Jackson's {@code WRITE_NAN_AS_STRINGS}:
     * nothing is lost (unlike {@code null}, which cannot be told from a missing value), and a
     * consumer that expects a number gets a type error at the one value rather than a parse
     * error for the whole document. Finite values are written exactly as in {@link #PYTHON}.
     */
    STRICT
}
