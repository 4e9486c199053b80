package io.udpkit.examples;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.server.ReplyPolicy;
import io.udpkit.server.UdpServer;
import java.io.IOException;

/** A complete server: decodes CPython struct records, prints each, echoes it back. */
public final class ServerExample {

    private ServerExample() {
    }

    /**
     * Serves on 127.0.0.1:9999 until the process is stopped.
     *
     * @param args none
     * @throws IOException if the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        try (UdpServer<StructReader> server = open(9999)) {
            server.serve();
        }
    }

    static UdpServer<StructReader> open(int port) throws IOException {
        Struct recipe = Struct.compile("! I 2s Q 2h f");
        return UdpServer.builder()
                .host("127.0.0.1")
                .port(port)
                .codec(recipe.codec())              // a Codec<StructReader>: the handler needs no cast
                .reply(ReplyPolicy.ECHO)
                .handler((record, datagram) -> {
                    // record is a flyweight over the receive buffer, valid only during this call:
                    // read it here, or keep record.toList() / record.copy().
                    long id = record.getLong(0);
                    System.out.println(id + " from " + datagram.sender() + ": " + record);
                })
                .open();
    }
}
