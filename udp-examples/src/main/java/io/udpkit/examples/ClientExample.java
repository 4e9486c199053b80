package io.udpkit.examples;

import io.udpkit.client.UdpClient;
import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A complete client: sends one struct record and waits for the echo. */
public final class ClientExample {

    private ClientExample() {
    }

    /**
     * Sends one record to 127.0.0.1:9999 and prints the reply.
     *
     * @param args none
     * @throws IOException if sending fails or no reply comes within 5 s
     */
    public static void main(String[] args) throws IOException {
        System.out.println(exchange("127.0.0.1", 9999));   // (1, b'ab', 2, 3, 3, 2.5)
    }

    static StructReader exchange(String host, int port) throws IOException {
        Struct recipe = Struct.compile("! I 2s Q 2h f");
        try (UdpClient client = UdpClient.builder()
                .target(host, port)
                .codec(recipe.codec())
                .open()) {
            client.sendValue(recipe.record(1, "ab".getBytes(StandardCharsets.US_ASCII), 2, 3, 3, 2.5));
            return client.receiveValue(Duration.ofSeconds(5), StructReader.class);
        }
    }
}
