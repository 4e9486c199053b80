package io.udpkit.client.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What happened during one interval of a load run, as iperf3 prints it per second: that
 * interval's own sends, replies, losses and round-trip percentiles, not the run's totals so far.
 * Made by {@link LoadGenerator#nextInterval()}. Immutable.
 *
 * <p>A request is counted lost in the interval in which it is decided lost, one reply timeout
 * after its intended send time, so losses trail the sends they belong to by that timeout.
 */
public final class LoadInterval {

    private final LoadPlan plan;
    private final long fromNanos;
    private final long toNanos;
    private final long sent;
    private final long replies;
    private final long lost;
    private final long socketDrops;
    private final double jitterNanos;
    private final String rttInvalidReason;
    private final Histogram rtt;

    LoadInterval(LoadPlan plan, long fromNanos, long toNanos, long sent, long replies, long lost,
            long socketDrops, double jitterNanos, String rttInvalidReason, Histogram rtt) {
        this.plan = plan;
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.sent = sent;
        this.replies = replies;
        this.lost = lost;
        this.socketDrops = socketDrops;
        this.jitterNanos = jitterNanos;
        this.rttInvalidReason = rttInvalidReason;
        this.rtt = rtt;
    }

    /**
     * The plan being run.
     *
     * @return the plan
     */
    public LoadPlan plan() {
        return plan;
    }

    /**
     * When the interval began, from the start of the run.
     *
     * @return the offset of its start
     */
    public Duration from() {
        return Duration.ofNanos(fromNanos);
    }

    /**
     * When the interval ended, from the start of the run.
     *
     * @return the offset of its end
     */
    public Duration to() {
        return Duration.ofNanos(toNanos);
    }

    /**
     * Datagrams sent during the interval.
     *
     * @return the count
     */
    public long sent() {
        return sent;
    }

    /**
     * Replies matched during the interval.
     *
     * @return the count
     */
    public long replies() {
        return replies;
    }

    /**
     * Requests decided lost during the interval.
     *
     * @return the count
     */
    public long lost() {
        return lost;
    }

    /**
     * Datagrams the kernel dropped at this client's own socket during the interval (its receive
     * buffer was full): loss that happened here rather than in the network or the server.
     *
     * @return the count, or -1 when it cannot be known
     */
    public long socketDrops() {
        return socketDrops;
    }

    /**
     * Sends per second over the interval.
     *
     * @return the rate; 0 for an empty interval
     */
    public double sendRate() {
        return perSecond(sent);
    }

    /**
     * Replies per second over the interval.
     *
     * @return the rate; 0 for an empty interval
     */
    public double replyRate() {
        return perSecond(replies);
    }

    /**
     * Lost requests as a fraction of those decided (replied or lost) during the interval.
     *
     * @return 0.0 to 1.0; 0 when none was decided
     */
    public double lossRatio() {
        long decided = replies + lost;
        return decided == 0 ? 0 : (double) lost / decided;
    }

    /**
     * Whether this interval has meaningful round-trip times: at least one reply matched during
     * it, and they are not invalidated ({@link #rttInvalidReason()}).
     *
     * @return {@code true} when {@link #rttNanos(double)} and {@link #jitterNanos()} have data
     */
    public boolean hasRtt() {
        return rttInvalidReason == null && rtt != null && rtt.getTotalCount() > 0;
    }

    /**
     * Why the round-trip times are not meaningful, if they are not: replies matched in send
     * order after a request was lost are paired with the wrong requests.
     *
     * @return the reason, or {@code null} when they are valid (or there are none)
     */
    public String rttInvalidReason() {
        return rttInvalidReason;
    }

    /**
     * A percentile of the round trips of the replies matched during this interval only.
     *
     * @param percentile 0.0 to 100.0
     * @return nanoseconds, to 3 significant digits
     * @throws IllegalStateException if {@link #hasRtt()} is false
     */
    public long rttNanos(double percentile) {
        requireRtt();
        return rtt.getValueAtPercentile(percentile);
    }

    /**
     * The interarrival jitter at the end of the interval, as RFC 3550 (section 6.4.1) estimates
     * it: a running mean of the difference between consecutive replies' round trips, with gain
     * 1/16.
     *
     * @return nanoseconds
     * @throws IllegalStateException if {@link #hasRtt()} is false
     */
    public double jitterNanos() {
        requireRtt();
        return jitterNanos;
    }

    private void requireRtt() {
        if (!hasRtt()) {
            throw new IllegalStateException(rttInvalidReason != null ? rttInvalidReason
                    : "no reply matched in this interval");
        }
    }

    private double perSecond(long count) {
        long nanos = toNanos - fromNanos;
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
