package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private static final long MS = 1_000_000L;

    private static long source(int port) {
        return SenderKeys.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void acceptsOneSecondBurstThenRefuses() {
        SourceRateLimiter limiter = new SourceRateLimiter(5, 16);
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (limiter.tryAcquire(source(1000), 0)) {
                accepted++;
            }
        }
        assertEquals(5, accepted);
    }

    @Test
    void refillsAtTheConfiguredRate() {
        SourceRateLimiter limiter = new SourceRateLimiter(5, 16);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(source(1000), 0));
        }
        assertFalse(limiter.tryAcquire(source(1000), 199 * MS), "one token takes 200 ms at 5/s");
        assertTrue(limiter.tryAcquire(source(1000), 200 * MS));
        assertFalse(limiter.tryAcquire(source(1000), 200 * MS));
    }

    @Test
    void idleSourceRefillsOnlyUpToItsBurst() {
        SourceRateLimiter limiter = new SourceRateLimiter(3, 16);
        assertTrue(limiter.tryAcquire(source(1000), 0));
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (limiter.tryAcquire(source(1000), 3_600_000 * MS)) {
                accepted++;
            }
        }
        assertEquals(3, accepted);
    }

    @Test
    void sourcesThatDifferOnlyInPortHaveSeparateBuckets() {
        SourceRateLimiter limiter = new SourceRateLimiter(1, 16);
        assertTrue(limiter.tryAcquire(source(1000), 0));
        assertFalse(limiter.tryAcquire(source(1000), 0));
        assertTrue(limiter.tryAcquire(source(1001), 0));
    }

    @Test
    void ipv6AndIpv4SourcesAreKeptApart() throws UnknownHostException {
        SourceRateLimiter limiter = new SourceRateLimiter(1, 16);
        long v6 = SenderKeys.of(new InetSocketAddress(InetAddress.getByName("::1"), 1000));
        assertTrue(limiter.tryAcquire(source(1000), 0));
        assertTrue(limiter.tryAcquire(v6, 0));
        assertFalse(limiter.tryAcquire(v6, 0));
    }

    @Test
    void tableSizeIsRoundedUpToPowerOfTwo() {
        assertEquals(4, new SourceRateLimiter(1, 1).capacity());
        assertEquals(4096, new SourceRateLimiter(1, 4096).capacity());
        assertEquals(1024, new SourceRateLimiter(1, 1000).capacity());
    }

    @Test
    void tableStaysFixedWhateverTheNumberOfSources() {
        SourceRateLimiter limiter = new SourceRateLimiter(10, 64);
        int sources = 100_000;
        for (int i = 0; i < sources; i++) {
            InetSocketAddress spoofed = new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), 1 + i % 65_535);
            limiter.tryAcquire(SenderKeys.of(i < 65_535 ? spoofed : new InetSocketAddress(
                    "10.0." + (i >> 8 & 0xFF) + "." + (i & 0xFF), 53)), i);
        }
        assertEquals(64, limiter.capacity());
        assertEquals(64, limiter.trackedSources());
        assertEquals(sources - 64, limiter.evictions());
    }

    @Test
    void evictedSourceComesBackWithAFullBucket() {
        // 4 slots, one group: a fifth source evicts the least recently seen.
        SourceRateLimiter limiter = new SourceRateLimiter(1, 4);
        for (int port = 1; port <= 4; port++) {
            assertTrue(limiter.tryAcquire(source(port), port));
        }
        assertFalse(limiter.tryAcquire(source(1), 10), "bucket of port 1 is empty");
        assertTrue(limiter.tryAcquire(source(5), 11), "evicts port 2, seen least recently");
        assertEquals(1, limiter.evictions());
        assertTrue(limiter.tryAcquire(source(2), 12), "port 2 starts over");
    }
}
