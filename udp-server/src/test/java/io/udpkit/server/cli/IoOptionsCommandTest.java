package io.udpkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.server.Loopback;
import io.udpkit.cli.testing.CliRun;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code --io}, {@code --threads}, {@code --batch-size} and {@code --idle}. */
class IoOptionsCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"--io fast", "--threads 0", "--threads 257", "--batch-size 0",
        "--batch-size 1025", "--idle nap", "--threads x"})
    void badValuesAreOneLineAndExitCodeTwo(String args) throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), args.split(" "));
        assertEquals(2, run.exitCode(30), run.err());
        UdpServerCommandTest.assertOneLine(run.err(), "udp-server: ");
    }

    @Test
    void explicitBatchRunsOnJdk22OrIsAOneLineErrorBelow() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--port", "0", "--io", "batch",
                "--idle-timeout", "0.2");
        if (Runtime.version().feature() >= 22) {
            assertEquals(0, run.exitCode(30), run.err());
        } else {
            assertEquals(1, run.exitCode(30), run.err());
            UdpServerCommandTest.assertOneLine(run.err(),
                    "udp-server: io=batch is not available: needs JDK 22 or later");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "auto"})
    void twoLoopsAnswerEverySenderAndCountEachDatagramOnce(String io) throws Exception {
        int port = Loopback.freePort();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--io", io, "--threads", "2", "--idle", "yield", "--idle-timeout", "1",
                "--output", "none");
        InetSocketAddress target = new InetSocketAddress(Loopback.address(), port);
        List<DatagramChannel> peers = new ArrayList<>();
        try {
            awaitBound(target);
            for (int i = 0; i < 32; i++) {
                DatagramChannel peer = Loopback.peer();
                peers.add(peer);
                peer.send(ByteBuffer.wrap(new byte[] {(byte) i}), target);
            }
            for (int i = 0; i < peers.size(); i++) {
                byte[] echo = Loopback.receive(peers.get(i), 5_000);
                assertNotNull(echo, "peer " + i);
                assertEquals(i, echo[0]);
            }
        } finally {
            for (DatagramChannel peer : peers) {
                peer.close();
            }
        }
        assertEquals(0, server.exitCode(30), server.err());
        String stats = server.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(stats.contains("\"received\":32,"), stats);
    }

    /**
     * Waits until the server holds the port, without sending it anything: a socket without
     * SO_REUSEPORT cannot bind a port that the server's sockets share.
     */
    private static void awaitBound(InetSocketAddress target) throws Exception {
        for (int attempt = 0; attempt < 400; attempt++) {
            try (DatagramChannel check = DatagramChannel.open()) {
                try {
                    check.bind(target);
                } catch (java.net.BindException busy) {
                    return;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("server never bound " + target);
    }
}
