package io.udpkit.bench.compare;

/**
 * One client against one freshly started echo server.
 *
 * @param server the echo server's name
 * @param client the ping client's name
 * @param warmup the first round trips after the server started
 * @param steady the round trips after those
 * @param serverCpu the echo server's receiving thread's CPU time over all its round trips
 */
record RoundTripRun(String server, String client, RttSummary warmup, RttSummary steady, LoopCpu serverCpu) {
}
