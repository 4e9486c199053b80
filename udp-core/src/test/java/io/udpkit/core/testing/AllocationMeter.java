package io.udpkit.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/**
 * Reads how many bytes one thread has allocated, as HotSpot counts them, for tests that pin the
 * receive loop's zero-allocation promise. Skips the test where the JVM has no such counter.
 */
public final class AllocationMeter {

    private final com.sun.management.ThreadMXBean threads;

    private AllocationMeter(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
    }

    /**
     * The meter, or a skipped test when per-thread allocation counters are missing.
     *
     * @return a meter with the counters switched on
     */
    public static AllocationMeter assumeSupported() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) bean).isThreadAllocatedMemorySupported(),
                "needs per-thread allocation counters (HotSpot)");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        threads.setThreadAllocatedMemoryEnabled(true);
        return new AllocationMeter(threads);
    }

    /**
     * Bytes {@code thread} has allocated since it started.
     *
     * @param thread a live thread
     * @return the count
     */
    public long allocatedBy(Thread thread) {
        return threads.getThreadAllocatedBytes(thread.getId());
    }
}
