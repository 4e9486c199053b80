package io.udpkit.client.cli;

import io.udpkit.client.load.LoadInterval;
import io.udpkit.client.load.LoadReport;
import io.udpkit.core.SocketAddresses;
import java.util.Locale;

/** The load command's text: the per-second progress line and the final summary table. */
final class LoadSummary {

    private LoadSummary() {
    }

    /**
     * One line for one interval, that interval's own figures as iperf3 prints them: its span,
     * sends and replies (count and rate), losses decided in it, its round-trip p50/p99 and the jitter, and
     * the drops at this client's socket when there were any.
     */
    static String intervalLine(LoadInterval interval) {
        StringBuilder line = new StringBuilder(128);
        line.append(String.format(Locale.ROOT, "[%5.1f-%5.1f s] sent %d (%.0f/s)",
                interval.from().toNanos() / 1e9, interval.to().toNanos() / 1e9, interval.sent(),
                interval.sendRate()));
        if (interval.plan().expectReply()) {
            line.append(String.format(Locale.ROOT, ", received %d (%.0f/s), lost %d (%.2f%%)",
                    interval.replies(), interval.replyRate(), interval.lost(),
                    interval.lossRatio() * 100));
            if (interval.hasRtt()) {
                line.append(", rtt p50 ").append(micros(interval.rttNanos(50)))
                        .append(" p99 ").append(micros(interval.rttNanos(99)))
                        .append(", jitter ").append(micros(interval.jitterNanos()));
            } else {
                line.append(interval.rttInvalidReason() != null ? ", rtt invalid" : ", rtt -");
            }
            if (interval.socketDrops() > 0) {
                line.append(", dropped at this socket ").append(interval.socketDrops());
            }
        }
        return line.toString();
    }

    /** The summary: one "name  value" row per figure. */
    static String table(LoadReport report) {
        StringBuilder table = new StringBuilder(512);
        row(table, "target", SocketAddresses.format(report.plan().target()));
        row(table, "payload", report.plan().payloadSize() + " bytes");
        row(table, "rate", report.plan().unlimitedRate() ? "max"
                : String.format(Locale.ROOT, "%.1f /s", report.plan().ratePerSecond()));
        row(table, "elapsed", String.format(Locale.ROOT, "%.3f s%s", report.elapsed().toNanos() / 1e9,
                report.stoppedEarly() ? " (stopped early)" : ""));
        row(table, "sent", Long.toString(report.sent()));
        row(table, "achieved rate", String.format(Locale.ROOT, "%.1f /s", report.achievedRate()));
        row(table, "send errors", Long.toString(report.sendErrors()));
        if (!report.plan().unlimitedRate()) {
            row(table, "max send lag", micros(report.maxSendLag().toNanos()));
        }
        if (report.plan().expectReply()) {
            row(table, "matching", report.plan().sequenced()
                    ? "by request number (exact)" : "in send order");
            row(table, "replies", Long.toString(report.replies()));
            row(table, "lost", String.format(Locale.ROOT, "%d (%.4f%%)", report.lost(),
                    report.lossRatio() * 100));
            if (report.socketDrops() < 0) {
                row(table, "where lost", "unknown (this socket's drops cannot be read)");
            } else {
                row(table, "where lost", report.socketDrops() + " dropped at this client's socket "
                        + "(receive buffer full), " + report.lostBeyondSocket()
                        + " beyond it (network or server)");
            }
            row(table, "in flight", Long.toString(report.inFlight()));
            row(table, "unmatched", Long.toString(report.unmatchedReplies()));
            if (report.hasRtt()) {
                row(table, "rtt p50", micros(report.rttNanos(50)));
                row(table, "rtt p90", micros(report.rttNanos(90)));
                row(table, "rtt p99", micros(report.rttNanos(99)));
                row(table, "rtt p999", micros(report.rttNanos(99.9)));
                row(table, "rtt max", micros(report.rttMaxNanos()));
                row(table, "rtt mean", micros(Math.round(report.rttMeanNanos())));
                row(table, "jitter", micros(Math.round(report.jitterNanos())) + " (RFC 3550)");
            } else if (report.rttInvalidReason() != null) {
                // No percentiles at all: after a loss, order matching pairs each later reply
                // with an earlier request than its own, so any figure would be wrong.
                row(table, "rtt", report.rttInvalidReason());
            } else {
                row(table, "rtt", "no reply");
            }
        }
        return table.toString().stripTrailing();
    }

    private static void row(StringBuilder table, String name, String value) {
        table.append(String.format(Locale.ROOT, "%-14s %s%n", name, value));
    }

    private static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
}
