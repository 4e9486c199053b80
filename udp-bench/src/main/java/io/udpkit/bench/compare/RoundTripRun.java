package io.udpkit.bench.compare;

/**
 * One client against one freshly started echo server.
 *
 * @param server the echo server's name
 * @param client the ping client's name
 * @param warmup the first round trips after the server started
 * @param steady the round trips after those
 */
record RoundTripRun(String server, String client, RttSummary warmup, RttSummary steady) {
}
