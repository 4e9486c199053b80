package io.udpkit.bench.compare;

/**
 * One receiver's result in one throughput run.
 *
 * @param peer        the receiver's name
 * @param sent        records the sender handed to the kernel
 * @param sendNanos   how long the sender sent, in ns
 * @param received    records the receiver counted
 * @param windowCount records received inside the timed window
 * @param windowNanos the timed window: first datagram to the receiver's last clock sample, in ns
 * @param timedOut    whether the receiver's time limit ended it instead of the end marker
 * @param cpu         the receiving thread's CPU time over its loop
 * @param steadyCpu   the same over the loop's steady window, after its first
 *                    {@value ReceiveTally#STEADY_FROM} datagrams; {@link LoopCpu#UNKNOWN} when
 *                    fewer arrived
 */
record ThroughputRun(String peer, long sent, long sendNanos, long received, long windowCount, long windowNanos,
                     boolean timedOut, LoopCpu cpu, LoopCpu steadyCpu) {

    /** Datagrams per second the receiver took in, over its timed window; 0 if too few arrived. */
    double datagramsPerSecond() {
        return windowNanos <= 0 ? 0 : windowCount * 1e9 / windowNanos;
    }

    /**
     * Records per second the sender handed to the kernel: a receiver that keeps up shows this
     * rate, so it caps every ratio.
     */
    double sentPerSecond() {
        return sendNanos <= 0 ? 0 : sent * 1e9 / sendNanos;
    }

    /** Records sent but never counted: dropped by the kernel because the receiver fell behind. */
    long lost() {
        return Math.max(0, sent - received);
    }

    /** {@link #lost()} as a percentage of {@link #sent()}. */
    double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost() / sent;
    }
}
