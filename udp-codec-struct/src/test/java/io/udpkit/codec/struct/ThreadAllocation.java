package io.udpkit.codec.struct;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;

/**
 * The calling thread's allocated-bytes counter (HotSpot's {@code com.sun.management.ThreadMXBean}),
 * reached reflectively so the tests need no {@code jdk.management} module dependency.
 */
final class ThreadAllocation {

    private final Object threads;
    private final Method allocated;
    private final long thread = Thread.currentThread().getId();

    private ThreadAllocation(Object threads, Method allocated) {
        this.threads = threads;
        this.allocated = allocated;
    }

    /** The counter for the current thread; aborts the test when this JVM has none. */
    static ThreadAllocation ofCurrentThread() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean").invoke(null);
        try {
            return new ThreadAllocation(threads, Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class));
        } catch (ClassNotFoundException e) {
            Assumptions.abort("this JVM has no per-thread allocation counter");
            throw new AssertionError("unreachable", e);
        }
    }

    /** Bytes allocated by the thread so far. */
    long bytes() throws ReflectiveOperationException {
        return (Long) allocated.invoke(threads, thread);
    }
}
