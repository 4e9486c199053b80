/**
 * udpkit's UDP server: a library that serves datagrams with a codec and a reply policy, the value
 * formatting both launchers print (Python repr, JSON), and the {@code udp-server} command line.
 */
module io.udpkit.server {
    requires transitive io.udpkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.udpkit.server.output;
}
