package io.udpkit.client.cli;

import io.udpkit.client.load.LoadPlan;
import io.udpkit.client.load.LoadReport;
import io.udpkit.core.SocketAddresses;
import java.util.Locale;

/** The load command's text: the per-second progress line and the final summary table. */
final class LoadSummary {

    private LoadSummary() {
    }

    /** One line: elapsed, sent, replies, lost, p99 so far. */
    static String progressLine(LoadReport report) {
        StringBuilder line = new StringBuilder(96);
        line.append(String.format(Locale.ROOT, "[%6.1f s] sent %d", report.elapsed().toNanos() / 1e9,
                report.sent()));
        if (report.plan().expectReply()) {
            line.append(String.format(Locale.ROOT, ", replies %d, lost %d (%.2f%%)", report.replies(),
                    report.lost(), report.lossRatio() * 100));
            line.append(", p99 ").append(report.hasRtt() ? micros(report.rttNanos(99)) : "-");
        }
        if (report.sendErrors() > 0) {
            line.append(", send errors ").append(report.sendErrors());
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
            row(table, "in flight", Long.toString(report.inFlight()));
            row(table, "unmatched", Long.toString(report.unmatchedReplies()));
            if (report.hasRtt()) {
                row(table, "rtt p50", micros(report.rttNanos(50)));
                row(table, "rtt p90", micros(report.rttNanos(90)));
                row(table, "rtt p99", micros(report.rttNanos(99)));
                row(table, "rtt p999", micros(report.rttNanos(99.9)));
                row(table, "rtt max", micros(report.rttMaxNanos()));
                if (report.lost() > 0 && !report.plan().sequenced()) {
                    // Order matching pairs a reply with the oldest outstanding request, which after
                    // a loss is an earlier one than it answered.
                    row(table, "note", "requests were lost and replies are matched in send order:"
                            + " each loss inflates later RTTs by one send interval; --size N"
                            + " (N >= " + LoadPlan.SEQUENCE_DIGITS + ") matches exactly");
                }
            } else {
                row(table, "rtt", "no reply");
            }
        }
        return table.toString().stripTrailing();
    }

    private static void row(StringBuilder table, String name, String value) {
        table.append(String.format(Locale.ROOT, "%-14s %s%n", name, value));
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
}
