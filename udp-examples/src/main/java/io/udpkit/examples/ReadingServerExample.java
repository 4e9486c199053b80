package io.udpkit.examples;

import io.udpkit.server.UdpServer;
import java.io.IOException;
import java.util.function.Consumer;

/** A server with the custom codec, found by name and checked to make {@link Reading}s. */
public final class ReadingServerExample {

    private ReadingServerExample() {
    }

    /**
     * Serves on 127.0.0.1:9998 until the process is stopped, printing each reading.
     *
     * @param args none
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        try (UdpServer<Reading> server = open(9998, System.out::println)) {
            server.serve();
        }
    }

    static UdpServer<Reading> open(int port, Consumer<Reading> readings) throws IOException {
        return UdpServer.builder()
                .host("127.0.0.1")
                .port(port)
                .codec("reading", "", Reading.class)   // fails in one line if it made another type
                .handler((reading, datagram) -> readings.accept(reading))
                .open();
    }
}
