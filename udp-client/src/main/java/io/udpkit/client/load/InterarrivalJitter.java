package io.udpkit.client.load;

/**
 * RFC 3550's interarrival jitter estimate (section 6.4.1): for consecutive packets i and j,
 * D = (Rj - Ri) - (Sj - Si), the change in their transit time, and J += (|D| - J) / 16. The load
 * generator takes each reply's round trip as its transit time, so no clock is shared with the
 * server. One writer thread; {@link #nanos()} may be read from any thread.
 */
final class InterarrivalJitter {

    private long previousTransit = -1;
    private volatile double jitter;

    /** Takes the next packet's transit time (ns); the first only sets the reference. */
    void update(long transitNanos) {
        if (previousTransit >= 0) {
            double current = jitter;
            jitter = current + (Math.abs(transitNanos - previousTransit) - current) / 16;
        }
        previousTransit = transitNanos;
    }

    /** The current estimate in nanoseconds; 0 before two packets. */
    double nanos() {
        return jitter;
    }
}
