package io.udpkit.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CPU time a peer's receiving thread spent in its receive loop, as the peer reported it
 * ({@code cpuUserNanos}, {@code cpuSysNanos} in its JSON line), and the datagrams it handled
 * meanwhile; or the same over the loop's steady window, after its first
 * {@value ReceiveTally#STEADY_FROM} datagrams ({@code steadyCpuUserNanos},
 * {@code steadyCpuSysNanos}, {@code steadyCount}). It ranks receivers even when the sender, not
 * the receiver, limits the rate: a loop that costs less CPU per datagram is the faster one once
 * it has the core to itself.
 *
 * @param userNanos user-mode CPU time, ns, or -1 when the peer did not report it
 * @param sysNanos  system-mode CPU time (the system calls), ns, or -1
 * @param datagrams datagrams the loop received
 */
record LoopCpu(long userNanos, long sysNanos, long datagrams) {

    static final LoopCpu UNKNOWN = new LoopCpu(-1, -1, 0);

    /** Reads the peer's result line; {@link #UNKNOWN} CPU when the fields are missing. */
    static LoopCpu fromPeerResult(JsonNode result) {
        long datagrams = result.path("received").asLong();
        if (!result.has("cpuUserNanos") || !result.has("cpuSysNanos")) {
            return new LoopCpu(-1, -1, datagrams);
        }
        return new LoopCpu(result.path("cpuUserNanos").asLong(), result.path("cpuSysNanos").asLong(), datagrams);
    }

    /**
     * Reads the steady window from the peer's result line; {@link #UNKNOWN} when the peer did not
     * report one (fewer than {@value ReceiveTally#STEADY_FROM} datagrams arrived).
     */
    static LoopCpu steadyFromPeerResult(JsonNode result) {
        if (!result.has("steadyCount") || !result.has("steadyCpuUserNanos") || !result.has("steadyCpuSysNanos")) {
            return UNKNOWN;
        }
        return new LoopCpu(result.path("steadyCpuUserNanos").asLong(), result.path("steadyCpuSysNanos").asLong(),
                result.path("steadyCount").asLong());
    }

    boolean known() {
        return userNanos >= 0 && sysNanos >= 0 && datagrams > 0;
    }

    /** User plus system CPU time per datagram, ns; NaN when unknown. */
    double nanosPerDatagram() {
        return known() ? (double) (userNanos + sysNanos) / datagrams : Double.NaN;
    }

    /** User CPU time per datagram, ns; NaN when unknown. */
    double userNanosPerDatagram() {
        return known() ? (double) userNanos / datagrams : Double.NaN;
    }

    /** System CPU time per datagram, ns; NaN when unknown. */
    double sysNanosPerDatagram() {
        return known() ? (double) sysNanos / datagrams : Double.NaN;
    }
}
