package io.udpkit.bench.compare;

/**
 * What a peer counts while receiving, identical in the C, Python and Java peers: datagrams, the
 * highest sequence number, the time from the first datagram to the last clock sample, and the CPU
 * time (user and system) of the thread(s) that ran the receive loop, over the whole loop and over
 * its steady window.
 *
 * <p>The clock is read every {@value #SAMPLE} datagrams, so timing costs each loop the same, next
 * to nothing. The steady window starts when the tally has counted exactly {@value #STEADY_FROM}
 * datagrams: {@link #record} then snapshots the calling thread's CPU time (once, on that sampling
 * branch, so the per-datagram path gains nothing), and the window's CPU is the thread's CPU at the
 * end minus that snapshot. {@code record} must therefore run on the receiving thread. Counted by
 * one thread; {@link #addLoopCpu} may run on another.
 */
final class ReceiveTally {

    /**
     * Datagrams a receiver counts before its steady window opens, the same in every peer
     * ({@code STEADY_FROM} in {@code udp_sink.c} and {@code udp_py.py}): past start-up and, in a
     * JVM, past interpretation and most JIT compilation. A multiple of {@value #SAMPLE}.
     */
    static final int STEADY_FROM = 1 << 18;

    private static final int SAMPLE = 256;

    private long received;
    private long maxSeq;
    private long firstNanos;
    private long sampleNanos;
    private long sampleCount;
    private long cpuUserNanos;
    private long cpuSysNanos;
    /** The receiving thread's CPU time at datagram {@value #STEADY_FROM}; null before it. */
    private volatile ThreadCpu cpuAtSteady;
    private boolean steadyMeasured;
    /** Datagrams counted in {@link #received} that are outside the steady window. */
    private long beforeSteady;
    private long steadyCpuUserNanos;
    private long steadyCpuSysNanos;

    /** Counts one record whose sequence number is {@code seq}; call on the receiving thread. */
    void record(long seq) {
        if (seq > maxSeq) {
            maxSeq = seq;
        }
        if (received++ == 0) {
            firstNanos = System.nanoTime();
        } else if ((received & (SAMPLE - 1)) == 0) {
            sampleNanos = System.nanoTime();
            sampleCount = received;
            if (received == STEADY_FROM) {
                cpuAtSteady = ThreadCpu.now();
            }
        }
    }

    /**
     * Adds the CPU time a receive loop thread spent between {@code atStart} and {@code atEnd}, and
     * its steady window's (from the snapshot at datagram {@value #STEADY_FROM} to {@code atEnd})
     * if the loop got that far; called once per loop thread, with that thread's CPU samples.
     */
    void addLoopCpu(ThreadCpu atStart, ThreadCpu atEnd) {
        ThreadCpu spent = atEnd.since(atStart);
        cpuUserNanos += spent.userNanos();
        cpuSysNanos += spent.sysNanos();
        ThreadCpu steadyStart = cpuAtSteady;
        if (steadyStart != null) {
            ThreadCpu steady = atEnd.since(steadyStart);
            steadyMeasured = true;
            beforeSteady = STEADY_FROM;
            steadyCpuUserNanos += steady.userNanos();
            steadyCpuSysNanos += steady.sysNanos();
        }
    }

    /**
     * Adds another loop's tally to this one (a fresh tally that counted nothing itself): counts and
     * CPU summed, the highest sequence number, and the window from the earliest first datagram to
     * the latest clock sample. The steady window is the sum over the loops that measured one: their
     * datagrams after their own snapshot and their own thread's CPU after it. A loop that never
     * reached {@value #STEADY_FROM} adds neither datagrams nor CPU to it; none did, none is reported.
     */
    void merge(ReceiveTally other) {
        mergeSteady(other);
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

    private void mergeSteady(ReceiveTally other) {
        if (!other.steadyMeasured) {
            beforeSteady += other.received;
            return;
        }
        steadyMeasured = true;
        beforeSteady += other.beforeSteady;
        steadyCpuUserNanos += other.steadyCpuUserNanos;
        steadyCpuSysNanos += other.steadyCpuSysNanos;
    }

    private void addCpuNanos(ReceiveTally other) {
        cpuUserNanos += other.cpuUserNanos;
        cpuSysNanos += other.cpuSysNanos;
    }

    long received() {
        return received;
    }

    /**
     * The one-line result every peer prints, in the C peers' format; {@code steadyCount},
     * {@code steadyCpuUserNanos} and {@code steadyCpuSysNanos} only when a steady window was measured.
     */
    String toJson(boolean timedOut) {
        String json = "{\"received\":" + received
                + ",\"maxSeq\":" + maxSeq
                + ",\"windowCount\":" + (sampleCount > 0 ? sampleCount - 1 : 0)
                + ",\"windowNanos\":" + (sampleCount > 0 ? sampleNanos - firstNanos : 0)
                + ",\"timedOut\":" + timedOut
                + ",\"cpuUserNanos\":" + cpuUserNanos
                + ",\"cpuSysNanos\":" + cpuSysNanos;
        if (steadyMeasured) {
            json += ",\"steadyCount\":" + (received - beforeSteady)
                    + ",\"steadyCpuUserNanos\":" + steadyCpuUserNanos
                    + ",\"steadyCpuSysNanos\":" + steadyCpuSysNanos;
        }
        return json + "}";
    }
}
