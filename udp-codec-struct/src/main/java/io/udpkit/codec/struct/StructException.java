package io.udpkit.codec.struct;

/**
 * Thrown for a bad struct format, a value that does not fit its format code, or a buffer of the
 * wrong size. Where CPython's {@code struct.error} (or the {@code OverflowError} raised for
 * floats) has a message for the same failure, this exception carries exactly that text, so logs
 * from Java and Python peers read the same.
 */
public final class StructException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with the given message.
     *
     * @param message what went wrong, CPython's wording where it has one
     */
    public StructException(String message) {
        super(message);
    }

    /** The one wording of a bytes value that does not fit its caller's destination array. */
    static StructException shortDestination(int index, char code, int length, int room) {
        return new StructException("field " + index + " ('" + code + "') holds " + length
                + " bytes, destination has room for " + room);
    }
}
