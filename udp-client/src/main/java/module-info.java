/**
 * udpkit's UDP client: a library that sends bytes, text or codec-encoded values and waits for
 * replies, and the {@code udp-client} command line (send, load, pack, unpack, codecs).
 */
// HdrHistogram's jar names no module, so it is an automatic one; -Xlint:all warns about
// requiring it and the build fails on warnings. Its name follows the jar file name.
@SuppressWarnings("requires-automatic")
module io.udpkit.client {
    requires transitive io.udpkit.core;
    requires io.udpkit.server;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // The load generator's RTT histograms.
    requires HdrHistogram;
    requires static info.picocli;

    exports io.udpkit.client;
    exports io.udpkit.client.load;

    opens io.udpkit.client.cli to info.picocli;
}
