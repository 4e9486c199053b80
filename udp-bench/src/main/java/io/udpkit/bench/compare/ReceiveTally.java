package io.udpkit.bench.compare;

/**
 * What a peer counts while receiving, identical in the C, Python and Java peers: datagrams, the
 * highest sequence number, the time from the first datagram to the last clock sample, and the CPU
 * time (user and system) of the thread(s) that ran the receive loop.
 *
 * <p>The clock is read every {@value #SAMPLE} datagrams, so timing costs each loop the same, next
 * to nothing. Used by one thread.
 */
final class ReceiveTally {

    private static final int SAMPLE = 256;

    private long received;
    private long maxSeq;
    private long firstNanos;
    private long sampleNanos;
    private long sampleCount;
    private long cpuUserNanos;
    private long cpuSysNanos;

    /** Counts one record whose sequence number is {@code seq}. */
    void record(long seq) {
        if (seq > maxSeq) {
            maxSeq = seq;
        }
        if (received++ == 0) {
            firstNanos = System.nanoTime();
        } else if ((received & (SAMPLE - 1)) == 0) {
            sampleNanos = System.nanoTime();
            sampleCount = received;
        }
    }

    /** Adds the CPU time a receive loop thread spent; called once per loop thread. */
    void addCpu(ThreadCpu spent) {
        cpuUserNanos += spent.userNanos();
        cpuSysNanos += spent.sysNanos();
    }

    /**
     * Adds another loop's tally to this one: counts and CPU summed, the highest sequence number,
     * and the window from the earliest first datagram to the latest clock sample.
     */
    void merge(ReceiveTally other) {
        if (other.received == 0) {
            addCpuNanos(other);
            return;
        }
        firstNanos = received == 0 ? other.firstNanos : Math.min(firstNanos, other.firstNanos);
        received += other.received;
        maxSeq = Math.max(maxSeq, other.maxSeq);
        if (other.sampleCount > 0) {
            sampleNanos = sampleCount == 0 ? other.sampleNanos : Math.max(sampleNanos, other.sampleNanos);
            sampleCount += other.sampleCount;
        }
        addCpuNanos(other);
    }

    private void addCpuNanos(ReceiveTally other) {
        cpuUserNanos += other.cpuUserNanos;
        cpuSysNanos += other.cpuSysNanos;
    }

    long received() {
        return received;
    }

    /** The one-line result every peer prints, in the C peers' format. */
    String toJson(boolean timedOut) {
        return "{\"received\":" + received
                + ",\"maxSeq\":" + maxSeq
                + ",\"windowCount\":" + (sampleCount > 0 ? sampleCount - 1 : 0)
                + ",\"windowNanos\":" + (sampleCount > 0 ? sampleNanos - firstNanos : 0)
                + ",\"timedOut\":" + timedOut
                + ",\"cpuUserNanos\":" + cpuUserNanos
                + ",\"cpuSysNanos\":" + cpuSysNanos + "}";
    }
}
