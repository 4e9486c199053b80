package io.udpkit.core;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs one kind of per-datagram trouble at most once per interval, so a flood of bad datagrams
 * costs a counter increment each, not a log line each.
 *
 * <p>The first occurrence is logged at WARN at once; later ones within the interval are only
 * counted, and the next WARN line (or {@link #flush}) says how many were suppressed. WARN lines
 * carry the exception's message, never its stack trace: the first occurrence's stack trace is
 * logged once, at DEBUG. Suppressing allocates nothing. Not thread-safe: the receive loop owns it.
 */
final class ThrottledWarning {

    /** At most one WARN line per this many nanoseconds, per kind of trouble. */
    static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private final String event;
    private final long intervalNanos;
    private boolean warnedOnce;
    private long nextWarnAt;
    private long suppressed;
    private boolean traceLogged;

    /**
     * @param log           where to log
     * @param event         what happened, as a phrase: {@code "undecodable datagram"}
     * @param intervalNanos the minimum time between two WARN lines
     */
    ThrottledWarning(Logger log, String event, long intervalNanos) {
        this.log = log;
        this.event = event;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Records one occurrence.
     *
     * @param now    the current {@link System#nanoTime()}
     * @param datagram the datagram concerned, asked for its sender only when a line is logged
     *                 (so a suppressed occurrence allocates nothing), or {@code null} for none
     * @param bytes    the size of the datagram (or reply) concerned, or -1 to leave it out
     * @param error    the failure, or {@code null} when the event says it all; its message is
     *                 read only when a line is logged
     */
    void record(long now, InboundDatagram datagram, int bytes, Throwable error) {
        if (error != null && !traceLogged && log.isDebugEnabled()) {
            traceLogged = true;
            log.debug("first " + event + from(datagram) + ", with its stack trace (later ones are"
                    + " logged without)", error);
        }
        if (warnedOnce && now - nextWarnAt < 0) {
            suppressed++;
            return;
        }
        warnedOnce = true;
        nextWarnAt = now + intervalNanos;
        StringBuilder line = new StringBuilder(128)
                .append(event).append(from(datagram));
        if (bytes >= 0) {
            line.append(" (").append(bytes).append(" bytes)");
        }
        if (error != null) {
            line.append(": ").append(error.getMessage() != null ? error.getMessage() : error.toString());
        }
        appendSuppressed(line);
        log.warn(line.toString());
    }

    private static String from(InboundDatagram datagram) {
        return datagram == null ? "" : " from " + SocketAddresses.format(datagram.sender());
    }

    /** Logs how many occurrences were suppressed since the last WARN line, if any. */
    void flush() {
        if (suppressed > 0) {
            StringBuilder line = new StringBuilder(96).append(event).append(':');
            appendSuppressed(line);
            log.warn(line.toString());
        }
    }

    private void appendSuppressed(StringBuilder line) {
        if (suppressed > 0) {
            line.append(" [").append(suppressed).append(" more suppressed since the last warning, at")
                    .append(" most one line per ")
                    .append(TimeUnit.NANOSECONDS.toSeconds(intervalNanos)).append(" s]");
            suppressed = 0;
        }
    }
}
