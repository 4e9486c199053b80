package io.udpkit.core;

/**
 * A token bucket per source in a fixed-size table, so memory stays the same however many
 * (possibly spoofed) sources send.
 *
 * <p>A source is an address <em>and port</em>. Keying on the address alone would be the natural
 * choice against floods, but then every client behind one NAT address, and every test socket on
 * 127.0.0.1, would share one bucket; keying on address+port keeps clients apart, and the table's
 * fixed size bounds what a spoofer who varies ports can cost. An IPv4 source is keyed exactly; an
 * IPv6 source is keyed by the address's 32-bit hash and its port, so two IPv6 sources may rarely
 * share a bucket (they would then share a budget, never exceed it).
 *
 * <p>The table is 4-way set-associative: a key may live in one of the 4 slots of the group its hash
 * selects. When all 4 hold other sources, the one seen least recently is evicted; an evicted source
 * that comes back starts with a full bucket. Each bucket holds up to {@code rate} tokens (a
 * one-second burst) and refills continuously at {@code rate} per second; tokens are kept in
 * fixed point (units of 1/1e9 token) so refilling needs no floating point.
 *
 * <p>Not thread-safe: the receive loop owns it. No method allocates.
 */
final class SourceRateLimiter {

    private static final int WAYS = 4;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long EMPTY = 0;

    private final long cost = NANOS_PER_SECOND;
    private final long rate;
    private final long fullBucket;
    private final int groupMask;
    private final long[] keys;
    private final long[] tokens;
    private final long[] lastSeen;
    private long evictions;

    /**
     * @param packetsPerSecond the sustained rate and burst size per source, at least 1
     * @param sources          the minimum number of table slots; rounded up to a power of two,
     *                         at least 4
     */
    SourceRateLimiter(int packetsPerSecond, int sources) {
        if (packetsPerSecond < 1) {
            throw new IllegalArgumentException("packetsPerSecond must be >= 1: " + packetsPerSecond);
        }
        this.rate = packetsPerSecond;
        this.fullBucket = rate * NANOS_PER_SECOND;
        int capacity = Math.max(WAYS, Integer.highestOneBit(Math.max(1, sources - 1)) << 1);
        this.groupMask = capacity / WAYS - 1;
        this.keys = new long[capacity];
        this.tokens = new long[capacity];
        this.lastSeen = new long[capacity];
    }

    /**
     * Takes one token from the source's bucket.
     *
     * @param key the sender's key ({@link io.udpkit.core.spi.DatagramSocketIo#senderKey}), not 0
     * @param now the current {@link System#nanoTime()}
     * @return {@code true} if the datagram is within the source's rate
     */
    boolean tryAcquire(long key, long now) {
        int base = (mix(key) & groupMask) * WAYS;
        int victim = base;
        for (int slot = base; slot < base + WAYS; slot++) {
            long k = keys[slot];
            if (k == key) {
                return take(slot, now);
            }
            if (k == EMPTY) {
                victim = slot;
                break;
            }
            if (lastSeen[slot] - lastSeen[victim] < 0) {
                victim = slot;
            }
        }
        if (keys[victim] != EMPTY) {
            evictions++;
        }
        keys[victim] = key;
        tokens[victim] = fullBucket - cost;
        lastSeen[victim] = now;
        return true;
    }

    private boolean take(int slot, long now) {
        long elapsed = now - lastSeen[slot];
        lastSeen[slot] = now;
        long available;
        if (elapsed >= NANOS_PER_SECOND || elapsed < 0) {
            available = fullBucket;
        } else {
            available = Math.min(fullBucket, tokens[slot] + elapsed * rate);
        }
        if (available >= cost) {
            tokens[slot] = available - cost;
            return true;
        }
        tokens[slot] = available;
        return false;
    }

    /** The number of slots; fixed for the limiter's life. */
    int capacity() {
        return keys.length;
    }

    /** How many slots hold a source now (scans the table; for tests and diagnostics). */
    int trackedSources() {
        int n = 0;
        for (long key : keys) {
            if (key != EMPTY) {
                n++;
            }
        }
        return n;
    }

    /** How many times a source was evicted to make room for another. */
    long evictions() {
        return evictions;
    }

    /** Spreads the key's bits so neighbouring ports and addresses land in different groups. */
    private static int mix(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
