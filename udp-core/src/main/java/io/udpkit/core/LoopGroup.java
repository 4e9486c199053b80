package io.udpkit.core;

import java.util.List;

/**
 * What an endpoint's receive loops share: the request to stop, closing, and the idle timeout,
 * which counts from the last datagram any loop received, so one busy loop keeps the others up.
 */
final class LoopGroup {

    private final List<ReceiveLoop> loops;
    private final long idleTimeoutNanos;
    private volatile boolean stopRequested;
    private volatile boolean closed;
    private volatile StopReason ending;

    LoopGroup(List<ReceiveLoop> loops, long idleTimeoutNanos) {
        this.loops = List.copyOf(loops);
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    List<ReceiveLoop> loops() {
        return loops;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    /** Why the loops must return now, or {@code null} to go on. */
    StopReason stopReason() {
        if (closed) {
            return StopReason.CLOSED;
        }
        if (stopRequested) {
            return StopReason.STOPPED;
        }
        return ending;
    }

    /** The most recent datagram's arrival over all loops, as a {@link System#nanoTime()}. */
    long lastDatagramNanos() {
        long latest = loops.get(0).lastDatagramNanos();
        for (int i = 1; i < loops.size(); i++) {
            long t = loops.get(i).lastDatagramNanos();
            if (t - latest > 0) {
                latest = t;
            }
        }
        return latest;
    }

    /**
     * Makes every loop of the current serve return {@code reason}: called by the loop that found
     * the whole group idle, and when one loop ends for any reason of its own (an interrupt, a
     * failure), so the others never outlive it.
     */
    void end(StopReason reason) {
        if (ending == null) {
            ending = reason;
        }
        wakeAll();
    }

    void requestStop() {
        stopRequested = true;
        wakeAll();
    }

    void markClosed() {
        closed = true;
        wakeAll();
    }

    /** The reason the first loop of the current serve returned with, or {@code null}. */
    StopReason ending() {
        return ending;
    }

    boolean closed() {
        return closed;
    }

    /** Forgets the last serve's ending; a pending stop request stays. */
    void beginServe() {
        ending = null;
    }

    /** Ends a serve that returned {@code reason}: returning STOPPED consumes the request. */
    void endServe(StopReason reason) {
        if (reason == StopReason.STOPPED) {
            stopRequested = false;
        }
    }

    void wakeAll() {
        for (ReceiveLoop loop : loops) {
            loop.socket().wakeup();
        }
    }
}
