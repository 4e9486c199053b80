package io.udpkit.bench.compare;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread, from {@link ThreadMXBean}: on Linux HotSpot the total is
 * {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}, user plus system time in ns, and the user part
 * comes from {@code /proc/self/task/<tid>/stat} (clock ticks, 10 ms), so the system part, their
 * difference, is exact to a tick. What the JVM peers report as their receiving thread's CPU.
 *
 * @param userNanos  user-mode CPU time, ns
 * @param totalNanos user plus system CPU time, ns
 */
record ThreadCpu(long userNanos, long totalNanos) {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The calling thread's CPU time so far; zeros when the JVM cannot measure it. */
    static ThreadCpu now() {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            return new ThreadCpu(0, 0);
        }
        return new ThreadCpu(THREADS.getCurrentThreadUserTime(), THREADS.getCurrentThreadCpuTime());
    }

    /** Another live thread's CPU time so far; zeros when the JVM cannot measure it or it ended. */
    static ThreadCpu of(long threadId) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return new ThreadCpu(0, 0);
        }
        long total = THREADS.getThreadCpuTime(threadId);
        long user = THREADS.getThreadUserTime(threadId);
        return total < 0 || user < 0 ? new ThreadCpu(0, 0) : new ThreadCpu(user, total);
    }

    /** System-mode CPU time, ns. */
    long sysNanos() {
        return Math.max(0, totalNanos - userNanos);
    }

    /** The CPU time spent between {@code earlier} and this sample. */
    ThreadCpu since(ThreadCpu earlier) {
        return new ThreadCpu(userNanos - earlier.userNanos, totalNanos - earlier.totalNanos);
    }
}
