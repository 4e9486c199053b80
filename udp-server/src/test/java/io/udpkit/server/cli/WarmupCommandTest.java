package io.udpkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.cli.testing.CliRun;
import io.udpkit.server.Loopback;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/** {@code udp-server --warmup N}: warm before binding, with nothing printed, forwarded or sent. */
class WarmupCommandTest {

    private static final String RECIPE = "! I 2s Q 2h f";
    private static final int WARMUP = 5_000;

    private static JsonNode stats(CliRun run) throws Exception {
        for (String line : run.err().lines().toList()) {
            if (line.startsWith("stats: ")) {
                return new ObjectMapper().readTree(line.substring("stats: ".length()));
            }
        }
        throw new AssertionError("no stats line on stderr: " + run.err());
    }

    @Test
    void warmupPrintsForwardsAndSendsNothingAndTheCountersStartAtZero() throws Exception {
        int port = Loopback.freePort();
        try (DatagramChannel forwardTarget = Loopback.peer(); DatagramChannel client = Loopback.peer()) {
            int forwardPort = ((InetSocketAddress) forwardTarget.getLocalAddress()).getPort();
            CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                    "--format", RECIPE, "--reply", "echo", "--output", "text",
                    "--forward", "127.0.0.1:" + forwardPort, "--warmup", Integer.toString(WARMUP),
                    "--idle-timeout", "2");
            // The server binds only after its warm-up: send the record until it is echoed. Records
            // sent before the bind are refused by the kernel and never reach the server.
            InetSocketAddress target = new InetSocketAddress(Loopback.address(), port);
            byte[] record = ByteBuffer.allocate(22).putInt(1).put((byte) 'a').put((byte) 'b').putLong(2)
                    .putShort((short) 3).putShort((short) 3).putFloat(2.5f).array();
            int echoes = 0;
            for (int attempt = 0; attempt < 300 && echoes == 0; attempt++) {
                client.send(ByteBuffer.wrap(record), target);
                if (Loopback.receive(client, 100) != null) {
                    echoes++;
                }
            }
            assertTrue(echoes > 0, "the server never echoed: " + server.err());
            assertEquals(0, server.exitCode(30), server.err());
            while (Loopback.receive(client, 200) != null) {
                echoes++;
            }
            int forwarded = 0;
            while (Loopback.receive(forwardTarget, 200) != null) {
                forwarded++;
            }

            JsonNode stats = stats(server);
            assertEquals(echoes, stats.get("received").asLong(), "only real datagrams counted: " + stats);
            assertEquals(echoes, stats.get("decoded").asLong(), stats.toString());
            assertEquals(echoes, stats.get("replied").asLong(), stats.toString());
            assertEquals(0, stats.get("undecodable").asLong(), stats.toString());
            assertEquals(echoes, forwarded, "one forward per real datagram, none from the warm-up");
            assertEquals(echoes, server.out().lines().count(), "one line per real datagram: " + server.out());
        }
    }
}
