package io.udpkit.codec.struct;

import java.util.Objects;

/**
 * Thrown for a bad struct format, a value that does not fit its format code, or a buffer of the
 * wrong size. Where CPython has a message for the same failure, this exception carries exactly
 * that text, so logs from Java and Python peers read the same; {@link #kind()} says which Python
 * exception class CPython raises for it, so a caller can tell a float that overflowed its
 * {@code e}/{@code f} field ({@code OverflowError}) from every other failure
 * ({@code struct.error}).
 */
public final class StructException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The Python exception class CPython's {@code struct} module raises for a failure. */
    public enum Kind {
        /**
         * {@code struct.error}: a bad format, a wrong value count or buffer size, an integer out
         * of range, a value of the wrong type. Every failure except {@link #OVERFLOW}.
         */
        ERROR("struct.error"),
        /**
         * {@code OverflowError}: a finite float too large for its {@code e} or standard-size
         * {@code f} field ("float too large to pack with f format").
         */
        OVERFLOW("OverflowError");

        private final String pythonName;

        Kind(String pythonName) {
            this.pythonName = pythonName;
        }

        /**
         * The Python exception class's name, as a traceback prints it.
         *
         * @return {@code struct.error} or {@code OverflowError}
         */
        public String pythonName() {
            return pythonName;
        }
    }

    private final Kind kind;

    /**
     * Creates a {@link Kind#ERROR} exception with the given message.
     *
     * @param message what went wrong, CPython's wording where it has one
     */
    public StructException(String message) {
        this(Kind.ERROR, message);
    }

    /**
     * Creates an exception of the given kind.
     *
     * @param kind the Python exception class CPython raises for this failure
     * @param message what went wrong, CPython's wording where it has one
     * @throws NullPointerException if {@code kind} is null
     */
    public StructException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Which Python exception class CPython raises for this failure.
     *
     * @return {@link Kind#OVERFLOW} for float overflow in {@code e}/{@code f}, else
     *     {@link Kind#ERROR}
     */
    public Kind kind() {
        return kind;
    }

    /** The one wording of a bytes value that does not fit its caller's destination array. */
    static StructException shortDestination(int index, char code, int length, int room) {
        return new StructException("field " + index + " ('" + code + "') holds " + length
                + " bytes, destination has room for " + room);
    }
}
