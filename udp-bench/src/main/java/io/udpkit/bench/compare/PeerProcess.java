package io.udpkit.bench.compare;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How a Java peer talks to {@link Compare}: usage errors, the {@code READY <port>} line, the time
 * limit and the final JSON line. Shared by the peers' {@code main} methods.
 */
final class PeerProcess {

    /** The stderr line a Java peer prints once it is ready. */
    static final String SERVING_MARK = "compare-peer: serving";

    private PeerProcess() {
    }

    /** Parses a peer's arguments; on a usage error prints one line to stderr and exits with 2. */
    static PeerOptions parseOrExit(String[] args) {
        try {
            return PeerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** Tells the parent the peer is bound and receiving. */
    static void announceReady(int port) {
        System.out.println("READY " + port);
        System.out.flush();
        // Marks, in the stderr log, where serving began (JIT lines after it were made serving).
        System.err.println(SERVING_MARK);
        System.err.flush();
    }

    /** Prints the peer's one-line JSON result. */
    static void report(String json) {
        System.out.println(json);
        System.out.flush();
    }

    /**
     * Starts a daemon thread that runs {@code stop} after {@code seconds} unless cancelled first;
     * the stop action must make the peer's blocked receive return.
     */
    static Watchdog closeAfter(int seconds, AutoCloseable stop) {
        Watchdog watchdog = new Watchdog(seconds, stop);
        Thread thread = new Thread(watchdog, "peer-time-limit");
        thread.setDaemon(true);
        thread.start();
        return watchdog;
    }

    /** Ends a peer's loop when its time limit passes. */
    static final class Watchdog implements Runnable {
        private final long nanos;
        private final AutoCloseable stop;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicBoolean fired = new AtomicBoolean();

        Watchdog(int seconds, AutoCloseable stop) {
            this.nanos = TimeUnit.SECONDS.toNanos(seconds);
            this.stop = stop;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + nanos;
            long left;
            while (!cancelled.get() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!cancelled.get()) {
                fired.set(true);
                try {
                    stop.close();
                } catch (Exception e) {
                    System.err.println("peer: stopping at the time limit failed: " + e);
                }
            }
        }

        void cancel() {
            cancelled.set(true);
        }

        boolean fired() {
            return fired.get();
        }
    }
}
