package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReceiveTallyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadCpu ZERO = new ThreadCpu(0, 0);
    /**
     * Added to the CPU total at the end, far more than the user part gains: the user part is read
     * in clock ticks and the total in ns, so only a large margin keeps their difference positive.
     */
    private static final long TOTAL_MARGIN = 20_000_000_000L;

    private static JsonNode json(ReceiveTally tally) throws Exception {
        return JSON.readTree(tally.toJson(false));
    }

    /** A tally that counted {@code count} records, closed with CPU samples 0 and past now. */
    private static ReceiveTally counted(long count) {
        ReceiveTally tally = new ReceiveTally();
        for (long seq = 1; seq <= count; seq++) {
            tally.record(seq);
        }
        ThreadCpu now = ThreadCpu.now();
        tally.addLoopCpu(ZERO, new ThreadCpu(now.userNanos() + 1_000, now.totalNanos() + TOTAL_MARGIN));
        return tally;
    }

    @Test
    void fewerThanSteadyFromLeavesTheSteadyFieldsOut() throws Exception {
        JsonNode result = json(counted(ReceiveTally.STEADY_FROM - 1));

        assertEquals(ReceiveTally.STEADY_FROM - 1, result.path("received").asLong());
        assertTrue(result.has("cpuUserNanos"), result.toString());
        assertFalse(result.has("steadyCount"), result.toString());
        assertFalse(result.has("steadyCpuUserNanos"), result.toString());
        assertFalse(result.has("steadyCpuSysNanos"), result.toString());
    }

    @Test
    void steadyWindowCountsTheDatagramsAfterSteadyFromAndTheCpuFromThatDatagramOn() throws Exception {
        ReceiveTally tally = new ReceiveTally();
        for (long seq = 1; seq < ReceiveTally.STEADY_FROM; seq++) {
            tally.record(seq);
        }
        ThreadCpu before = ThreadCpu.now();
        tally.record(ReceiveTally.STEADY_FROM);
        ThreadCpu after = ThreadCpu.now();
        for (long seq = ReceiveTally.STEADY_FROM + 1L; seq <= ReceiveTally.STEADY_FROM + 1_000L; seq++) {
            tally.record(seq);
        }
        tally.addLoopCpu(ZERO, new ThreadCpu(after.userNanos() + 1_000, after.totalNanos() + TOTAL_MARGIN));

        JsonNode result = json(tally);
        assertEquals(ReceiveTally.STEADY_FROM + 1_000L, result.path("received").asLong());
        assertEquals(1_000, result.path("steadyCount").asLong());
        long steadyTotal = result.path("steadyCpuUserNanos").asLong() + result.path("steadyCpuSysNanos").asLong();
        // The snapshot was taken while the STEADY_FROM-th record was counted: between before and after.
        long snapshotSpan = after.totalNanos() - before.totalNanos();
        assertTrue(steadyTotal >= TOTAL_MARGIN && steadyTotal <= TOTAL_MARGIN + snapshotSpan, result.toString());
        assertTrue(result.path("steadyCpuUserNanos").asLong() >= 1_000, result.toString());
        assertEquals(after.totalNanos() + TOTAL_MARGIN,
                result.path("cpuUserNanos").asLong() + result.path("cpuSysNanos").asLong(), result.toString());
    }

    @Test
    void exactlySteadyFromGivesAnEmptySteadyWindow() throws Exception {
        JsonNode result = json(counted(ReceiveTally.STEADY_FROM));

        assertEquals(0, result.path("steadyCount").asLong(), result.toString());
        assertTrue(result.has("steadyCpuUserNanos"), result.toString());
    }

    @Test
    void mergeSumsTheSteadyWindowsOfTheLoopsThatReachedSteadyFromOnly() throws Exception {
        ReceiveTally reached = counted(ReceiveTally.STEADY_FROM + 10L);
        ReceiveTally alsoReached = counted(ReceiveTally.STEADY_FROM + 20L);
        ReceiveTally short1 = counted(100);
        JsonNode first = json(reached);
        JsonNode second = json(alsoReached);

        ReceiveTally all = new ReceiveTally();
        all.merge(reached);
        all.merge(short1);
        all.merge(alsoReached);

        JsonNode merged = json(all);
        assertEquals(2L * ReceiveTally.STEADY_FROM + 130, merged.path("received").asLong());
        assertEquals(30, merged.path("steadyCount").asLong(), merged.toString());
        assertEquals(first.path("steadyCpuUserNanos").asLong() + second.path("steadyCpuUserNanos").asLong(),
                merged.path("steadyCpuUserNanos").asLong());
        assertEquals(first.path("steadyCpuSysNanos").asLong() + second.path("steadyCpuSysNanos").asLong(),
                merged.path("steadyCpuSysNanos").asLong());
    }

    @Test
    void mergeOfLoopsThatAllStayedBelowSteadyFromHasNoSteadyWindow() throws Exception {
        ReceiveTally all = new ReceiveTally();
        all.merge(counted(ReceiveTally.STEADY_FROM - 1L));
        all.merge(counted(ReceiveTally.STEADY_FROM - 1L));

        JsonNode merged = json(all);
        assertEquals(2L * ReceiveTally.STEADY_FROM - 2, merged.path("received").asLong());
        assertFalse(merged.has("steadyCount"), merged.toString());
    }

    @Test
    void aLoopWhoseCpuWasNeverAddedContributesNoSteadyWindow() throws Exception {
        ReceiveTally uncounted = new ReceiveTally();
        for (long seq = 1; seq <= ReceiveTally.STEADY_FROM + 5L; seq++) {
            uncounted.record(seq);
        }
        ReceiveTally all = new ReceiveTally();
        all.merge(uncounted);
        all.merge(counted(ReceiveTally.STEADY_FROM + 7L));

        assertEquals(7, json(all).path("steadyCount").asLong());
    }
}
