package io.udpkit.client.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.udpkit.core.SocketAddresses;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What a load run did, so far or in the end: datagrams sent, replies matched, requests lost, and
 * round-trip times measured from each request's intended send time. Immutable.
 *
 * <p>Every request is in exactly one state: replied, lost (no reply within the reply timeout) or
 * in flight (neither yet; non-zero only in a snapshot or a run stopped early), so
 * {@code sent == replies + lost + inFlight} when replies are expected.
 *
 * <p>Round trips are reported only when they mean something: once a request is lost in a run
 * whose replies are matched in send order, every later reply has been paired with an earlier
 * request than its own, so {@link #hasRtt()} turns false and {@link #rttInvalidReason()} says
 * why, rather than percentiles that are off by whole send intervals.
 */
public final class LoadReport {

    private static final double NANOS_PER_MICRO = 1_000.0;

    private final LoadPlan plan;
    private final long elapsedNanos;
    private final long sendingNanos;
    private final long sent;
    private final long sendErrors;
    private final long maxSendLagNanos;
    private final long replies;
    private final long lost;
    private final long unmatchedReplies;
    private final boolean finished;
    private final boolean stoppedEarly;
    private final Histogram rtt;
    private final double jitterNanos;
    private final long socketDrops;

    LoadReport(LoadPlan plan, long elapsedNanos, long sendingNanos, long sent, long sendErrors,
            long maxSendLagNanos,
            long replies, long lost, long unmatchedReplies, boolean finished, boolean stoppedEarly,
            Histogram rtt, double jitterNanos, long socketDrops) {
        this.plan = plan;
        this.elapsedNanos = elapsedNanos;
        this.sendingNanos = sendingNanos;
        this.sent = sent;
        this.sendErrors = sendErrors;
        this.maxSendLagNanos = maxSendLagNanos;
        this.replies = replies;
        this.lost = lost;
        this.unmatchedReplies = unmatchedReplies;
        this.finished = finished;
        this.stoppedEarly = stoppedEarly;
        this.rtt = rtt;
        this.jitterNanos = jitterNanos;
        this.socketDrops = socketDrops;
    }

    /**
     * Why round trips measured under {@code plan} are not meaningful after {@code lost} losses,
     * or {@code null} if they are.
     */
    static String rttInvalidReason(LoadPlan plan, long lost) {
        if (plan.sequenced() || lost == 0) {
            return null;
        }
        return "round trips invalid: " + lost + " request" + (lost == 1 ? " was" : "s were")
                + " lost and replies are matched in send order, so later replies were paired with"
                + " earlier requests than their own; a payload of " + LoadPlan.SEQUENCE_DIGITS
                + " bytes or more with request numbers (--size N) is matched exactly";
    }

    /**
     * The plan that was run.
     *
     * @return the plan
     */
    public LoadPlan plan() {
        return plan;
    }

    /**
     * Time from the first intended send to the end of the run (or to this snapshot).
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return Duration.ofNanos(elapsedNanos);
    }

    /**
     * Datagrams handed to the socket.
     *
     * @return the count
     */
    public long sent() {
        return sent;
    }

    /**
     * Sends that failed (socket error, send buffer full for 5 s); not counted in {@link #sent()}.
     *
     * @return the count
     */
    public long sendErrors() {
        return sendErrors;
    }

    /**
     * The furthest the sender fell behind its schedule (actual minus intended send time); zero
     * for an unlimited rate.
     *
     * @return the largest lag seen
     */
    public Duration maxSendLag() {
        return Duration.ofNanos(maxSendLagNanos);
    }

    /**
     * Sent datagrams per second of sending time (the wait for the last replies excluded).
     *
     * @return the achieved rate, 0 before any time has passed
     */
    public double achievedRate() {
        return sendingNanos <= 0 ? 0 : sent * 1e9 / sendingNanos;
    }

    /**
     * Replies matched to a request (only when replies are expected).
     *
     * @return the count
     */
    public long replies() {
        return replies;
    }

    /**
     * Requests whose reply did not come within the reply timeout (only when replies are
     * expected).
     *
     * @return the count
     */
    public long lost() {
        return lost;
    }

    /**
     * Requests neither replied to nor yet past their timeout.
     *
     * @return {@code sent - replies - lost} when replies are expected, else 0
     */
    public long inFlight() {
        return plan.expectReply() ? sent - replies - lost : 0;
    }

    /**
     * Datagrams that arrived while no request was outstanding, or from an address other than the
     * target; they are not counted as replies.
     *
     * @return the count
     */
    public long unmatchedReplies() {
        return unmatchedReplies;
    }

    /**
     * Lost requests as a fraction of the requests decided (replied or lost).
     *
     * @return 0.0 to 1.0; 0 when none is decided
     */
    public double lossRatio() {
        long decided = replies + lost;
        return decided == 0 ? 0 : (double) lost / decided;
    }

    /**
     * Whether the run had ended when this report was made.
     *
     * @return {@code false} for a progress snapshot
     */
    public boolean finished() {
        return finished;
    }

    /**
     * Whether the run was stopped ({@link LoadGenerator#stop()}) before its duration ran out and
     * its last replies came or timed out.
     *
     * @return {@code true} for a run cut short
     */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /**
     * Whether meaningful round-trip times were measured: replies expected, at least one matched,
     * and not invalidated by a loss under send-order matching ({@link #rttInvalidReason()}).
     *
     * @return {@code true} when the RTT methods have data
     */
    public boolean hasRtt() {
        return rttInvalidReason() == null && rtt != null && rtt.getTotalCount() > 0;
    }

    /**
     * Why the round trips are not reported although replies came: requests were lost in a run
     * matched in send order.
     *
     * @return the reason, or {@code null} when round trips are valid (or there are none)
     */
    public String rttInvalidReason() {
        return plan.expectReply() ? rttInvalidReason(plan, lost) : null;
    }

    /**
     * The interarrival jitter at the end of the run, as RFC 3550 (section 6.4.1) estimates it
     * from consecutive replies' round trips (gain 1/16).
     *
     * @return nanoseconds
     * @throws IllegalStateException if there is no RTT ({@link #hasRtt()} is false)
     */
    public double jitterNanos() {
        requireRtt();
        return jitterNanos;
    }

    /**
     * Datagrams the kernel dropped at this client's own socket during the run, chiefly replies
     * that found its receive buffer full ({@link LoadPlan#receiveBufferSize()}): loss that
     * happened here, not in the network or the server.
     *
     * @return the count, or -1 when it cannot be known (no {@code /proc/net/udp})
     */
    public long socketDrops() {
        return socketDrops;
    }

    /**
     * Lost requests not explained by drops at this client's socket: lost in the network, by the
     * server, or at the server's socket.
     *
     * @return {@code lost - socketDrops}, at least 0; -1 when socket drops are unknown
     */
    public long lostBeyondSocket() {
        return socketDrops < 0 ? -1 : Math.max(0, lost - socketDrops);
    }

    /**
     * A round-trip time percentile, measured from the request's intended send time (its actual
     * send time for an unlimited rate) to the reply's arrival; 3 significant digits.
     *
     * @param percentile 0.0 to 100.0, such as 99.9
     * @return the RTT in nanoseconds
     * @throws IllegalStateException if there is no RTT ({@link #hasRtt()} is false)
     */
    public long rttNanos(double percentile) {
        requireRtt();
        return rtt.getValueAtPercentile(percentile);
    }

    /**
     * The largest round-trip time.
     *
     * @return nanoseconds, to 3 significant digits
     * @throws IllegalStateException if there is no RTT
     */
    public long rttMaxNanos() {
        requireRtt();
        return rtt.getMaxValue();
    }

    /**
     * The mean round-trip time.
     *
     * @return nanoseconds
     * @throws IllegalStateException if there is no RTT
     */
    public double rttMeanNanos() {
        requireRtt();
        return rtt.getMean();
    }

    private void requireRtt() {
        if (!hasRtt()) {
            String invalid = rttInvalidReason();
            throw new IllegalStateException(invalid != null ? invalid : "no round-trip times: "
                    + (plan.expectReply() ? "no reply matched" : "replies were not expected"));
        }
    }

    /**
     * The report as one JSON object: {@code target}, {@code payloadBytes}, {@code rate} (a
     * number, or {@code "max"}), {@code durationSeconds}, {@code elapsedSeconds},
     * {@code finished}, {@code stoppedEarly}, {@code sent}, {@code sendErrors}, {@code achievedRate},
     * {@code maxSendLagMicros}, {@code expectReply}, {@code matching} ({@code "sequence"} or
     * {@code "order"}, see {@link LoadGenerator}), {@code replies}, {@code lost},
     * {@code inFlight}, {@code unmatchedReplies}, {@code lossPercent}, {@code socketDrops} (this
     * client's socket, {@code null} when unknown), {@code lostBeyondSocket} ({@code null} when
     * unknown), {@code rttMicros}: {@code {"p50","p90","p99","p999","max","mean"}} in
     * microseconds, or {@code null} when there is no valid RTT, {@code jitterMicros} (RFC 3550,
     * {@code null} with no valid RTT), and {@code rttInvalid}: the reason round trips are not
     * reported although replies came, or {@code null}.
     *
     * @return compact JSON
     */
    public String toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("target", SocketAddresses.format(plan.target()));
        json.put("payloadBytes", plan.payloadSize());
        if (plan.unlimitedRate()) {
            json.put("rate", "max");
        } else {
            json.put("rate", plan.ratePerSecond());
        }
        json.put("durationSeconds", plan.duration().toNanos() / 1e9);
        json.put("elapsedSeconds", elapsedNanos / 1e9);
        json.put("finished", finished);
        json.put("stoppedEarly", stoppedEarly);
        json.put("sent", sent);
        json.put("sendErrors", sendErrors);
        json.put("achievedRate", Math.round(achievedRate() * 10) / 10.0);
        json.put("maxSendLagMicros", micros(maxSendLagNanos));
        json.put("expectReply", plan.expectReply());
        json.put("matching", plan.sequenced() ? "sequence" : "order");
        json.put("replies", replies);
        json.put("lost", lost);
        json.put("inFlight", inFlight());
        json.put("unmatchedReplies", unmatchedReplies);
        json.put("lossPercent", Math.round(lossRatio() * 1e6) / 1e4);
        if (socketDrops < 0) {
            json.putNull("socketDrops");
            json.putNull("lostBeyondSocket");
        } else {
            json.put("socketDrops", socketDrops);
            json.put("lostBeyondSocket", lostBeyondSocket());
        }
        if (hasRtt()) {
            ObjectNode micros = json.putObject("rttMicros");
            micros.put("p50", micros(rttNanos(50)));
            micros.put("p90", micros(rttNanos(90)));
            micros.put("p99", micros(rttNanos(99)));
            micros.put("p999", micros(rttNanos(99.9)));
            micros.put("max", micros(rttMaxNanos()));
            micros.put("mean", Math.round(rttMeanNanos() / NANOS_PER_MICRO * 10) / 10.0);
            json.put("jitterMicros", Math.round(jitterNanos / NANOS_PER_MICRO * 10) / 10.0);
        } else {
            json.putNull("rttMicros");
            json.putNull("jitterMicros");
        }
        json.put("rttInvalid", rttInvalidReason());
        return json.toString();
    }

    /** Nanoseconds as microseconds to 0.1 µs: sub-microsecond digits are below the clock's worth. */
    static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
