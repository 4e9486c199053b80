package io.udpkit.server.cli;

import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints each decoded value on stdout in an {@link OutputFormat}, buffered: lines are flushed
 * when the receive loop has drained the socket ({@link #onBatchEnd()}), so a burst costs one
 * {@code write(2)} and a quiet socket still shows each record at once. Every flush checks for a
 * write error (a closed pipe, a full disk); the first one runs the stop action once, and later
 * values are no longer printed. In a batch that never ends (a flood), the writer is also checked
 * every {@value #CHECK_EVERY} lines.
 *
 * <p>With several receive loops ({@code --threads}) all call one printer: the writer's own lock
 * keeps each line whole, the stop action runs once, and the line count that paces the checks is
 * only approximate.
 */
final class RecordPrinter implements DatagramHandler<Object> {

    /** Lines printed between two checks while a batch goes on. */
    static final int CHECK_EVERY = 1024;

    private final OutputFormat format;
    private final PrintWriter out;
    private final Runnable onFailure;
    private int unchecked;
    private final AtomicBoolean failed = new AtomicBoolean();

    RecordPrinter(OutputFormat format, PrintWriter out, Runnable onFailure) {
        this.format = format;
        this.out = out;
        this.onFailure = onFailure;
    }

    @Override
    public void onMessage(Object value, InboundDatagram datagram) {
        if (failed.get()) {
            return;
        }
        String line = format.line(value, datagram.sender());
        if (line == null) {
            return;
        }
        out.println(line);
        if (++unchecked >= CHECK_EVERY) {
            check();
        }
    }

    @Override
    public void onBatchEnd() {
        if (unchecked > 0) {
            check();
        }
    }

    /**
     * Flushes what is buffered and checks the writer; call once the loop has returned.
     *
     * @return {@code true} if any write failed, now or before
     */
    boolean finish() {
        check();
        return failed.get();
    }

    private void check() {
        unchecked = 0;
        // checkError() flushes first, then reports whether any write failed.
        if (!failed.get() && out.checkError() && failed.compareAndSet(false, true)) {
            onFailure.run();
        }
    }
}
