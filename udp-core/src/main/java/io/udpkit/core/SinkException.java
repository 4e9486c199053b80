package io.udpkit.core;

/**
 * A sink could not be found or configured: an unknown name, two providers with one name, an
 * invalid spec. The message is one line that says what is wrong.
 *
 * @since 0.1.0
 */
public class SinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     */
    public SinkException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause   the underlying failure
     */
    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
