package io.udpkit.client.cli;

import io.udpkit.codec.struct.StructException;

/**
 * Words a struct failure as the last line of CPython's traceback for the same call:
 * {@code struct.error: pack expected 1 items for packing (got 2)}, or
 * {@code OverflowError: float too large to pack with f format}.
 */
final class StructErrors {

    private StructErrors() {
    }

    /**
     * The Python exception class and message of {@code failure}, or of the
     * {@link StructException} that caused it; any other failure's message as it is.
     */
    static String asPython(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StructException) {
                StructException e = (StructException) t;
                return e.kind().pythonName() + ": " + e.getMessage();
            }
        }
        return failure.getMessage();
    }
}
