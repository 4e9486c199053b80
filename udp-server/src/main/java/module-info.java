/**
 * udpkit's UDP server: a library that serves datagrams with a codec and a reply policy, the value
 * formatting both launchers print (Python repr, JSON), and the {@code udp-server} command line.
 *
 * <p>{@code io.udpkit.server.cli} is exported for udpkit's own launchers ({@code udp-client}
 * shares its conventions: error handling, logging layout, version, the {@code codecs} command);
 * it is not a library API.
 */
module io.udpkit.server {
    requires transitive io.udpkit.core;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static transitive info.picocli;
    requires static ch.qos.logback.classic;
    // The launcher's --metrics; brings the Prometheus client's model and JVM collectors.
    requires static io.udpkit.metrics.prometheus;
    requires static ch.qos.logback.core;
    // sun.misc.Signal, reached by reflection for a clean exit on SIGTERM.
    requires jdk.unsupported;

    exports io.udpkit.server;
    exports io.udpkit.server.output;
    exports io.udpkit.server.sink;
    exports io.udpkit.server.cli;

    opens io.udpkit.server.cli to info.picocli;

    provides io.udpkit.core.spi.SinkProvider with
            io.udpkit.server.sink.StdoutSinkProvider,
            io.udpkit.server.sink.UdpJsonSinkProvider;
}
