package io.udpkit.core;

/**
 * Thrown by a {@link Codec} that cannot decode a payload or encode a value. This is the only
 * exception a codec throws for bad input; anything else is a bug in the codec.
 */
public class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what was wrong with the input.
     *
     * @param message the reason, phrased for the person who sent or asked for the bytes
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the lower-level failure that caused it.
     *
     * @param message the reason
     * @param cause   the underlying failure
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with no stack trace and no suppression, for a decoder that throws one
     * reused instance for every bad datagram so that its failure path allocates nothing. The
     * subclass words its message lazily by overriding {@link #getMessage()}, which the receive
     * loop calls only when it logs. Such an instance describes the latest failure only: like the
     * datagram, it is valid during the handler call it is passed to.
     *
     * @since 0.2
     */
    protected CodecException() {
        super(null, null, false, false);
    }
}
