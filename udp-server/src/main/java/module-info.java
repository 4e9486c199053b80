/**
 * udpkit's UDP server: a library that serves datagrams with a codec and a reply policy
 * ({@link io.udpkit.server.UdpServer}), and the {@code udp-server} command line.
 *
 * <p>Only {@code io.udpkit.server} is exported. The launcher ({@code io.udpkit.server.cli}) is
 * opened to picocli alone; it requires {@code io.udpkit.cli} and picocli as ordinary modules, so
 * that {@code java -p ... -m io.udpkit.server/io.udpkit.server.cli.UdpServerCommand} runs with no
 * {@code --add-modules}. Logback is optional: on the module path SLF4J binds it by service when
 * it is there.
 */
module io.udpkit.server {
    requires transitive io.udpkit.core;
    // JsonForwarder.open takes an io.udpkit.format.JsonDialect.
    requires transitive io.udpkit.format;
    requires io.udpkit.cli;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // CompilationMXBean: the start-up warm-up waits until the JIT has gone quiet.
    requires java.management;
    // The launcher's --metrics; brings the Prometheus client's model and JVM collectors.
    requires static io.udpkit.metrics.prometheus;

    exports io.udpkit.server;
    exports io.udpkit.server.sink;

    opens io.udpkit.server.cli to info.picocli;

    provides io.udpkit.core.spi.SinkProvider with
            io.udpkit.server.sink.StdoutSinkProvider,
            io.udpkit.server.sink.UdpJsonSinkProvider;
}
