package io.udpkit.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The launchers' stdout: UTF-8 whatever the locale, buffered (a line is written when the caller
 * flushes, not per line), and honest about failure.
 *
 * <p>{@code System.out} is a {@link java.io.PrintStream}, which swallows write errors: a server
 * piped into {@code head -1}, or writing to {@code /dev/full} or a closed descriptor, went on
 * printing into nothing and exited 0. This writer goes straight to file descriptor 1 and keeps the
 * first {@link IOException}, so {@link #checkError()} turns true and {@link #failure()} says why
 * ("Broken pipe", "No space left on device", "Bad file descriptor"). Like every
 * {@link PrintWriter} it does not throw; callers check after a flush.
 */
public final class StandardOutput extends PrintWriter {

    /** Characters held before a write is forced; callers flush sooner, when they go idle. */
    private static final int BUFFER_CHARS = 1 << 16;

    private final FailureKeeper stream;

    private StandardOutput(FailureKeeper stream) {
        super(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8),
                BUFFER_CHARS), false);
        this.stream = stream;
    }

    /**
     * Opens a writer on this process's file descriptor 1.
     *
     * @return the writer; flush it, then {@link #checkError()}
     */
    public static StandardOutput open() {
        return over(new FileOutputStream(FileDescriptor.out));
    }

    /**
     * Opens a writer on any stream, with the same buffering and failure keeping (tests use it
     * with a stream that counts writes or fails).
     *
     * @param out where the UTF-8 bytes go
     * @return the writer
     */
    public static StandardOutput over(OutputStream out) {
        return new StandardOutput(new FailureKeeper(out));
    }

    /**
     * The first write error, if any.
     *
     * @return the error, or {@code null} while every write succeeded
     */
    public IOException failure() {
        return stream.failure;
    }

    /** Passes bytes on, remembering the first exception (which it still throws). */
    private static final class FailureKeeper extends FilterOutputStream {

        private volatile IOException failure;

        FailureKeeper(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        private void keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
