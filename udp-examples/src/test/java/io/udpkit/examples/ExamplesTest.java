package io.udpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.StopReason;
import io.udpkit.server.UdpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the README's examples against each other on loopback (port 0). */
class ExamplesTest {

    @Test
    void clientExampleGetsTheServerExamplesEcho() throws Exception {
        try (UdpServer<StructReader> server = ServerExample.open(0)) {
            FutureTask<StopReason> serving = serveInBackground(server);
            StructReader echo = ClientExample.exchange("127.0.0.1", server.localAddress().getPort());
            assertEquals("(1, b'ab', 2, 3, 3, 2.5)", echo.toString());
            assertEquals(1L, echo.getLong(0));
            server.stop();
            assertEquals(StopReason.STOPPED, serving.get(30, TimeUnit.SECONDS));
            assertEquals(1, server.stats().decoded());
        }
    }

    @Test
    void customCodecServerHandsTheHandlerTypedReadings() throws Exception {
        BlockingQueue<Reading> readings = new LinkedBlockingQueue<>();
        try (UdpServer<Reading> server = ReadingServerExample.open(0, readings::add);
                DatagramChannel sensor = DatagramChannel.open()) {
            FutureTask<StopReason> serving = serveInBackground(server);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
            for (String datagram : List.of("t1=21.5", "not a reading", "t2=-3")) {
                sensor.send(ByteBuffer.wrap(datagram.getBytes(StandardCharsets.UTF_8)), target);
            }
            Reading first = readings.poll(30, TimeUnit.SECONDS);
            Reading second = readings.poll(30, TimeUnit.SECONDS);
            assertNotNull(second, "two readings arrived");
            assertEquals(List.of(new Reading("t1", 21.5), new Reading("t2", -3)), List.of(first, second));
            server.stop();
            serving.get(30, TimeUnit.SECONDS);
            assertEquals(1, server.stats().undecodable(), "the malformed datagram was counted");
        }
    }

    private static FutureTask<StopReason> serveInBackground(UdpServer<?> server) {
        FutureTask<StopReason> serving = new FutureTask<>(server::serve);
        Thread thread = new Thread(serving, "example-server");
        thread.setDaemon(true);
        thread.start();
        return serving;
    }
}
