package io.udpkit.server.sink;

import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.Sink;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes each value as one line ({@link LineFormat}) to a writer, standard output by default:
 * {@code udp-server --output text|json}, or {@code --sink stdout --sink-spec text|json}.
 *
 * <p>The line is formatted on the loop thread (that is the copy of the flyweight) and written on
 * the sink's thread; lines are flushed at the end of each of the loop's batches (and every
 * {@value #CHECK_EVERY} lines in between). A writer that reports an error (standard output
 * closed, a full disk) fails the lines written since the last successful flush, runs the
 * {@link #onFailure} action once, and the sink stops writing.
 */
public final class StdoutSink implements Sink<String> {

    private static final String NEWLINE = System.lineSeparator();

    /** Lines written between two checks of the writer while a batch goes on. */
    static final int CHECK_EVERY = 1024;

    private final PrintWriter out;
    private final LineFormat format;
    private final boolean closeWriter;
    private volatile Runnable onFailure = () -> { };
    private long unflushed;
    private DeliveryReceipt lastReceipt;
    private volatile boolean broken;

    private StdoutSink(PrintWriter out, LineFormat format, boolean closeWriter) {
        this.out = out;
        this.format = format;
        this.closeWriter = closeWriter;
    }

    /**
     * What to do, once, when a write first fails (the launcher stops the server: a closed pipe
     * means nobody reads the values any more).
     *
     * @param action run on the sink's thread
     * @return this sink
     */
    public StdoutSink onFailure(Runnable action) {
        this.onFailure = Objects.requireNonNull(action, "action");
        return this;
    }

    /**
     * Whether a write has failed.
     *
     * @return {@code true} once the writer reported an error
     */
    public boolean failed() {
        return broken;
    }

    /**
     * A sink writing to the process's standard output (not closed when the sink closes).
     *
     * @param format how values are written
     * @return the sink, unopened
     */
    public static StdoutSink toStandardOutput(LineFormat format) {
        return new StdoutSink(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
                format, false);
    }

    /**
     * A sink writing to {@code out}, which it flushes but does not close.
     *
     * @param out    where lines go
     * @param format how values are written
     * @return the sink, unopened
     */
    public static StdoutSink to(PrintWriter out, LineFormat format) {
        return new StdoutSink(Objects.requireNonNull(out, "out"), Objects.requireNonNull(format, "format"), false);
    }

    @Override
    public void open() {
    }

    @Override
    public String capture(Object value, ByteBuffer payload, InetSocketAddress sender, long arrivalMillis) {
        return format.line(value, sender);
    }

    @Override
    public long recordBytes(String line) {
        return 2L * line.length() + 40;
    }

    @Override
    public void deliver(String line, DeliveryReceipt receipt) throws IOException {
        if (broken) {
            throw new IOException("standard output failed earlier; not writing");
        }
        // write, not println: println flushes an auto-flushing writer on every line.
        out.write(line);
        out.write(NEWLINE);
        unflushed++;
        lastReceipt = receipt;
        if (unflushed >= CHECK_EVERY) {
            // A batch that never ends (a flood) is still checked, and its lines settled.
            flush();
        }
    }

    @Override
    public void flush() {
        out.flush();
        settle();
    }

    private void settle() {
        if (unflushed == 0) {
            return;
        }
        boolean failed = out.checkError();
        for (long i = 0; i < unflushed; i++) {
            if (failed) {
                lastReceipt.failed(new IOException("writing to standard output failed"));
            } else {
                lastReceipt.delivered();
            }
        }
        unflushed = 0;
        if (failed && !broken) {
            broken = true;
            onFailure.run();
        }
    }

    @Override
    public void close(Duration deadline) {
        flush();
        if (closeWriter) {
            out.close();
        }
    }
}
