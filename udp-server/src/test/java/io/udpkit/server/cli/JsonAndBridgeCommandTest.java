package io.udpkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.cli.testing.CliRun;
import io.udpkit.server.Loopback;
import io.udpkit.testkit.PythonProcess;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code udp-server --codec json} and the struct-to-JSON bridge ({@code --forward}), run in-process
 * against CPython peers on 127.0.0.1.
 */
class JsonAndBridgeCommandTest {

    /** The stderr line starting with {@code prefix}, parsed as JSON. */
    private static JsonNode line(CliRun run, String prefix) throws Exception {
        for (String line : run.err().lines().toList()) {
            if (line.startsWith(prefix)) {
                return new ObjectMapper().readTree(line.substring(prefix.length()));
            }
        }
        throw new AssertionError("no '" + prefix + "' line on stderr: " + run.err());
    }

    @Test
    void jsonDocumentsFromPythonArePrintedWithTheirSenderAsPythonWritesThem() throws Exception {
        int port = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--codec", "json", "--output", "json", "--stop-on-empty");
        PythonProcess client = PythonProcess.start("json_doc_sender.py", Integer.toString(port));
        assertEquals(0, client.waitFor(60), client.stderr());
        assertEquals(0, server.exitCode(30), server.err());
        assertEquals(8, client.stdout().lines().count(), client.stdout());
        assertEquals(client.stdout(), server.out());
        JsonNode stats = line(server, "stats: ");
        assertEquals(8, stats.get("decoded").asLong(), stats.toString());
        // The ping(s), -INF (which json.loads refuses too), a trailing token, a duplicate name,
        // and the empty stop datagram (empty is not a JSON document either).
        assertEquals(stats.get("received").asLong() - 8, stats.get("undecodable").asLong(),
                stats.toString());
    }

    @Test
    void jsonDocumentsPrintAsCompactJsonTextWithOutputText() throws Exception {
        int port = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--codec", "json", "--stop-on-empty");
        UdpServerCommandTest.awaitEcho(port);
        PythonProcess sender = PythonProcess.start("sender.py", Integer.toString(port),
                hex("{ \"a\" : [1, 2.50, \"\u00e9\"] }"), "");
        assertEquals(0, sender.waitFor(60), sender.stderr());
        assertEquals(0, server.exitCode(30), server.err());
        assertEquals("{\"a\":[1,2.5,\"\\u00e9\"]}\n", server.out());
    }

    @Test
    void bridgeForwardsStructRecordsAsJsonThatPythonReadsBackExactly() throws Exception {
        int port = Loopback.freePort();
        int forwardPort = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--format", "! I 2s Q 2h f", "--output", "none", "--stop-on-empty",
                "--forward", "127.0.0.1:" + forwardPort, "--forward-codec", "json");
        PythonProcess peers = PythonProcess.start("bridge_peers.py", Integer.toString(port),
                Integer.toString(forwardPort));
        assertEquals(0, peers.waitFor(60), peers.stderr());
        assertEquals("forwarded 5\n", peers.stdout());
        assertEquals(0, server.exitCode(30), server.err());
        JsonNode stats = line(server, "stats: ");
        assertEquals(5, stats.get("decoded").asLong(), stats.toString());
        List<String> lines = server.err().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("stats: "), "stats stay last: " + lines);
    }

    @Test
    void bridgeIntoUdpkitsOwnJsonServerDecodesEveryDocumentNonFiniteIncluded() throws Exception {
        int bridgePort = Loopback.freePort();
        int jsonPort = Loopback.freePort();
        CliRun json = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(jsonPort),
                "--codec", "json", "--output", "json", "--stop-on-empty");
        UdpServerCommandTest.awaitEcho(jsonPort);
        CliRun bridge = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(bridgePort),
                "--format", "<dd", "--output", "none", "--stop-on-empty",
                "--forward", "127.0.0.1:" + jsonPort);
        UdpServerCommandTest.awaitEcho(bridgePort);
        double[][] records = {{Double.NaN, 1.5}, {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
            {-0.0, Double.MAX_VALUE}, {Double.MIN_VALUE, 1e16}};
        try (DatagramChannel sender = Loopback.peer()) {
            InetSocketAddress to = new InetSocketAddress(Loopback.address(), bridgePort);
            for (double[] r : records) {
                ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(r[0]).putDouble(r[1]).flip();
                sender.send(record, to);
                Loopback.receive(sender, 5_000);
            }
            sender.send(ByteBuffer.allocate(0), to);
            assertEquals(0, bridge.exitCode(30), bridge.err());
            // Every forwarded document is queued by now; the empty datagram ends the JSON server.
            sender.send(ByteBuffer.allocate(0), new InetSocketAddress(Loopback.address(), jsonPort));
        }
        assertEquals(0, json.exitCode(30), json.err());
        JsonNode stats = line(json, "stats: ");
        assertEquals(records.length, stats.get("decoded").asLong(), stats + "\n" + json.err());
        List<String> values = json.out().lines()
                .map(l -> l.substring(l.indexOf("\"value\":"))).toList();
        assertEquals(List.of("\"value\":{\"from\":\"127.0.0.1:PORT\",\"values\":[NaN,1.5]}}",
                "\"value\":{\"from\":\"127.0.0.1:PORT\",\"values\":[Infinity,-Infinity]}}",
                "\"value\":{\"from\":\"127.0.0.1:PORT\",\"values\":[-0.0,1.7976931348623157e+308]}}",
                "\"value\":{\"from\":\"127.0.0.1:PORT\",\"values\":[5e-324,1e+16]}}"),
                values.stream().map(v -> v.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")).toList());
    }

    @Test
    void strictJsonOutputAndForwardingParseWithAStrictParser() throws Exception {
        int port = Loopback.freePort();
        int forwardPort;
        try (DatagramChannel target = Loopback.peer()) {
            forwardPort = ((InetSocketAddress) target.getLocalAddress()).getPort();
            CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                    "--format", "<dd", "--output", "json-strict", "--stop-on-empty",
                    "--forward", "127.0.0.1:" + forwardPort, "--forward-codec", "json-strict");
            UdpServerCommandTest.awaitEcho(port);
            try (DatagramChannel sender = Loopback.peer()) {
                InetSocketAddress to = new InetSocketAddress(Loopback.address(), port);
                sender.send(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(Double.NaN).putDouble(Double.NEGATIVE_INFINITY).flip(), to);
                Loopback.receive(sender, 5_000);
                sender.send(ByteBuffer.allocate(0), to);
            }
            assertEquals(0, server.exitCode(30), server.err());
            byte[] forwarded = Loopback.receive(target, 5_000);
            ObjectMapper strict = new ObjectMapper();
            for (String document : List.of(server.out().strip(),
                    new String(forwarded, java.nio.charset.StandardCharsets.UTF_8))) {
                JsonNode values = strict.readTree(document).get("values");
                assertEquals("[\"NaN\",\"-Infinity\"]", values.toString(), document);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--forward nohost", "--forward 127.0.0.1:0", "--forward 127.0.0.1:70000",
        "--forward 127.0.0.1:x", "--forward :9", "--forward 0.0.0.0:9", "--forward 224.0.0.1:9",
        "--forward no.such.host.invalid:9", "--forward 255.255.255.255:9",
        "--forward 127.0.0.1:9 --forward-codec struct", "--codec nope"})
    void badForwardOrCodecIsOneLineAndExitCodeTwo(String args) throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), ("--format i " + args).split(" "));
        assertEquals(2, run.exitCode(30), run.err());
        UdpServerCommandTest.assertOneLine(run.err(), "udp-server: ");
        assertEquals("", run.out());
    }

    @Test
    void unknownCodecListsTheAvailableNames() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--codec", "nope");
        assertEquals(2, run.exitCode(30));
        assertTrue(run.err().contains("json, raw, struct, text"), run.err());
    }

    @Test
    void codecsListsJson() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "codecs");
        assertEquals(0, run.exitCode(30), run.err());
        List<String> names = run.out().lines().map(line -> line.split("\\s+", 2)[0]).toList();
        assertEquals(List.of("json", "raw", "struct", "text"), names);
        assertFalse(run.out().isBlank());
    }

    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }
}
