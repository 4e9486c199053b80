package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RttSummaryTest {

    @Test
    void percentilesComeFromTheSliceAndLostRepliesAreCountedApart() {
        long[] rtts = new long[1_100];
        for (int i = 0; i < 100; i++) {
            rtts[i] = 1_000_000; // the slice before 'from' must not count
        }
        for (int i = 100; i < 1_100; i++) {
            rtts[i] = (i - 99) * 1_000L; // 1..1000 us
        }
        rtts[600] = -1;

        RttSummary summary = RttSummary.of(rtts, 100, 1_100);

        assertEquals(999, summary.count());
        assertEquals(1, summary.timeouts());
        assertEquals(500, summary.p50Micros(), 1.0);
        assertEquals(990, summary.p99Micros(), 2.0);
        assertEquals(999, summary.p999Micros(), 2.0);
        assertEquals(1_000, summary.maxMicros(), 2.0);
    }

    @Test
    void anEmptySliceHasNoCountAndZeroPercentiles() {
        RttSummary summary = RttSummary.of(new long[] {5_000, -1}, 1, 2);

        assertEquals(0, summary.count());
        assertEquals(1, summary.timeouts());
        assertEquals(0, summary.maxMicros());
    }
}
