package io.udpkit.bench.compare;

/**
 * One client against one freshly started echo server.
 *
 * @param server the echo server's name
 * @param client the ping client's name
 * @param warmup the first round trips after the server started
 * @param steady the round trips after those
 * @param serverCpu the echo server's receiving thread's CPU time over all its round trips
 * @param jitCompilations JIT compilations in a JVM server after it reported READY (while it
 *                        served), -1 when not counted (not a JVM, or not asked for)
 */
record RoundTripRun(String server, String client, RttSummary warmup, RttSummary steady, LoopCpu serverCpu,
                    long jitCompilations) {
}
