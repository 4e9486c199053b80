/**
 * udpkit's UDP client: a library that sends bytes, text or codec-encoded values and waits for
 * replies, and the {@code udp-client} command line (send, pack, unpack, codecs).
 */
module io.udpkit.client {
    requires transitive io.udpkit.core;
    requires io.udpkit.server;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static info.picocli;

    exports io.udpkit.client;

    opens io.udpkit.client.cli to info.picocli;
}
