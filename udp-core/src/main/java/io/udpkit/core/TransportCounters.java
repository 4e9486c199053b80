package io.udpkit.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The live counters behind {@link TransportStats}.
 *
 * <p>Only the thread that currently reads the socket (the serve loop or a client's
 * {@code receive}) writes them, so an increment is a plain read plus an opaque write: no lock, no
 * CAS, no allocation. Any thread may read them; opaque access guarantees it sees each counter's
 * writes in order, never a torn or stale-forever value. The reading role passes between threads
 * through {@link UdpEndpoint}'s reader guard, whose CAS orders the hand-over.
 */
final class TransportCounters {

    static final int RECEIVED = 0;
    static final int DECODED = 1;
    static final int UNDECODABLE = 2;
    static final int REPLIED = 3;
    static final int TRUNCATED = 4;
    static final int HANDLER_ERRORS = 5;
    static final int RATE_LIMITED = 6;
    static final int OVERSIZED_REPLIES = 7;
    static final int COUNT = 8;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[COUNT];

    /** Adds one to a counter; call only from the reading thread. */
    void increment(int counter) {
        SLOT.setOpaque(values, counter, values[counter] + 1);
    }

    /** Adds {@code amount} to a counter; call only from the reading thread. */
    void add(int counter, long amount) {
        SLOT.setOpaque(values, counter, values[counter] + amount);
    }

    /** Reads a counter from any thread. */
    long get(int counter) {
        return (long) SLOT.getOpaque(values, counter);
    }

    /** Adds every counter, read from any thread, to {@code sums}, indexed by counter. */
    void addTo(long[] sums) {
        for (int i = 0; i < COUNT; i++) {
            sums[i] += get(i);
        }
    }

    static TransportStats snapshot(long[] values, long socketDrops) {
        return new TransportStats(values[RECEIVED], values[DECODED], values[UNDECODABLE],
                values[REPLIED], values[TRUNCATED], values[HANDLER_ERRORS], values[RATE_LIMITED],
                values[OVERSIZED_REPLIES], socketDrops);
    }
}
