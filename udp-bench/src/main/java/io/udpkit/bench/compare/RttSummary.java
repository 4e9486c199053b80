package io.udpkit.bench.compare;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one slice of round trips, in microseconds.
 *
 * @param count      round trips that got a reply
 * @param timeouts   round trips whose reply never came (not in the percentiles)
 * @param p50Micros  median round-trip time
 * @param p99Micros  99th percentile
 * @param p999Micros 99.9th percentile
 * @param maxMicros  slowest round trip
 */
record RttSummary(long count, long timeouts, double p50Micros, double p99Micros, double p999Micros,
                  double maxMicros) {

    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Summarises {@code rtts[from, to)}: nanoseconds, negative for a lost reply. */
    static RttSummary of(long[] rtts, int from, int to) {
        Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        long timeouts = 0;
        for (int i = from; i < to; i++) {
            if (rtts[i] < 0) {
                timeouts++;
            } else {
                histogram.recordValue(Math.min(rtts[i], HIGHEST_TRACKABLE_NANOS));
            }
        }
        return new RttSummary(histogram.getTotalCount(), timeouts,
                micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getMaxValue()));
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
