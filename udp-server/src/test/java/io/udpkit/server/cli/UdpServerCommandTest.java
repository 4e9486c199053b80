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
import java.net.ServerSocket;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The udp-server launcher run in-process, against Python peers on 127.0.0.1. */
class UdpServerCommandTest {

    private static final String RECIPE = "! I 2s Q 2h f";

    /** The one stats line on the command's stderr, parsed. */
    private static JsonNode stats(CliRun run) throws Exception {
        String err = run.err().strip();
        assertTrue(err.startsWith("stats: "), "stderr is the stats line: " + err);
        assertFalse(err.contains("\n"), "one line: " + err);
        return new ObjectMapper().readTree(err.substring("stats: ".length()));
    }

    @Test
    void recipeWithPythonClientEchoesDataAndPrintsTheRecordAsPythonDoes() throws Exception {
        int port = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--format", RECIPE, "--idle-timeout", "5");
        PythonProcess client = PythonProcess.start("recipe_client.py", Integer.toString(port));
        assertEquals(0, client.waitFor(60), client.stderr());
        assertEquals("b'data'\n", client.stdout());

        assertEquals(0, server.exitCode(30), server.err());
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)\n", server.out());
        JsonNode stats = stats(server);
        assertEquals(1, stats.get("decoded").asLong());
        assertEquals(stats.get("received").asLong() - 1, stats.get("undecodable").asLong(),
                "every 'data' attempt is undecodable");
        assertEquals(stats.get("received").asLong(), stats.get("replied").asLong(),
                "echo answers every datagram, decoded or not");
    }

    @Test
    void upperReplyReachesAPythonClient() throws Exception {
        int port = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--format", RECIPE, "--reply", "upper", "--stop-on-empty");
        PythonProcess client = PythonProcess.start("recipe_client.py", Integer.toString(port),
                "--upper", "--stop");
        assertEquals(0, client.waitFor(60), client.stderr());
        assertEquals("b'HELLO WORLD'\n", client.stdout());
        assertEquals(0, server.exitCode(30), server.err());
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)\n", server.out());
    }

    @Test
    void jsonOutputMatchesPythonJsonDumpsForEdgeValues() throws Exception {
        int port = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--format", "! d f Q q ? 4s", "--output", "json", "--stop-on-empty");
        PythonProcess client = PythonProcess.start("json_edge_sender.py", Integer.toString(port));
        assertEquals(0, client.waitFor(60), client.stderr());
        assertEquals(0, server.exitCode(30), server.err());
        assertEquals(client.stdout(), server.out());
        assertEquals(6, server.out().lines().count());
    }

    @Test
    void badDatagramsAreCountedAndServingGoesOn() throws Exception {
        int port = Loopback.freePort();
        PythonProcess.assumePython();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--format", RECIPE, "--stop-on-empty");
        awaitEcho(port);
        // Wrong sizes, random bytes, 1 byte; then a good record; then the empty stop datagram.
        String good = "00000001616200000000000000020003000340200000";
        PythonProcess sender = PythonProcess.start("sender.py", Integer.toString(port), "00",
                "ffffffff", good + "00", "deadbeef".repeat(100), good, "");
        assertEquals(0, sender.waitFor(60), sender.stderr());

        assertEquals(0, server.exitCode(30), server.err());
        assertEquals("(1, b'ab', 2, 3, 3, 2.5)\n", server.out());
        JsonNode stats = stats(server);
        long received = stats.get("received").asLong();
        assertTrue(received >= 7, "probe(s) + 6 datagrams: " + stats);
        assertEquals(1, stats.get("decoded").asLong());
        assertEquals(received - 1, stats.get("undecodable").asLong(), "all the others: " + stats);
    }

    @Test
    void maxPpsPerSourceDropsABurstBeyondTheBucketAndCountsIt() throws Exception {
        int port = Loopback.freePort();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--max-pps-per-source", "5", "--output", "none", "--idle-timeout", "2");
        awaitEcho(port);
        int burst = 200;
        try (DatagramChannel flooder = Loopback.peer()) {
            InetSocketAddress target = new InetSocketAddress(Loopback.address(), port);
            for (int i = 0; i < burst; i++) {
                flooder.send(java.nio.ByteBuffer.wrap(new byte[] {(byte) i}), target);
            }
        }
        assertEquals(0, server.exitCode(30), server.err());
        JsonNode stats = stats(server);
        long rateLimited = stats.get("rateLimited").asLong();
        // A 5-token bucket refilling at 5/s lets a few through; the burst takes far less than the
        // ~39 s it would need to earn 195 more tokens, so most of it must be dropped.
        assertTrue(rateLimited >= burst / 2, "most of the burst is rate limited: " + stats);
        assertEquals(stats.get("received").asLong(),
                stats.get("decoded").asLong() + rateLimited, "every datagram accounted for: " + stats);
    }

    @Test
    void jsonCodecPrintsEachDocumentWithItsSender() throws Exception {
        int port = Loopback.freePort();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--codec", "json", "--output", "json", "--stop-on-empty");
        awaitEcho(port); // a 0x00 byte: echoed, but not JSON, so undecodable
        try (DatagramChannel sender = Loopback.peer()) {
            InetSocketAddress target = new InetSocketAddress(Loopback.address(), port);
            sender.send(java.nio.ByteBuffer.wrap("{\"a\": 1, \"b\": [true, null, \"x\"]}"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), target);
            sender.send(java.nio.ByteBuffer.wrap("{\"a\": 1} trailing"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), target);
            sender.send(java.nio.ByteBuffer.allocate(0), target);
            int senderPort = ((InetSocketAddress) sender.getLocalAddress()).getPort();
            assertEquals(0, server.exitCode(30), server.err());
            assertEquals("{\"from\":\"127.0.0.1:" + senderPort
                    + "\",\"value\":{\"a\":1,\"b\":[true,null,\"x\"]}}\n", server.out());
        }
        JsonNode stats = stats(server);
        assertEquals(1, stats.get("decoded").asLong(), stats.toString());
        assertEquals(stats.get("received").asLong() - 1, stats.get("undecodable").asLong(),
                "probe(s) and the document with trailing garbage: " + stats);
    }

    @Test
    void forwardBridgesPythonStructRecordsToAPythonJsonConsumer() throws Exception {
        PythonProcess.assumePython();
        PythonProcess sink = PythonProcess.start("json_sink.py", "3");
        String sinkPort = sink.nextLine(60);
        int port = Loopback.freePort();
        CliRun server = CliRun.start(new UdpServerCommand(), "--port", Integer.toString(port),
                "--format", "! Q d", "--forward", "127.0.0.1:" + sinkPort, "--output", "none",
                "--stop-on-empty");
        awaitEcho(port); // 1-byte probes are undecodable, so never forwarded
        // (2**64-1, nan), (0, inf), (1, -2.5) packed as '! Q d', then the empty stop datagram.
        PythonProcess sender = PythonProcess.start("sender.py", Integer.toString(port),
                "ffffffffffffffff7ff8000000000000", "00000000000000007ff0000000000000",
                "0000000000000001c004000000000000", "");
        assertEquals(0, sender.waitFor(60), sender.stderr());
        assertEquals(0, server.exitCode(30), server.err());
        assertEquals("[18446744073709551615, NaN]", sink.nextLine(60));
        assertEquals("[0, Infinity]", sink.nextLine(60));
        assertEquals("[1, -2.5]", sink.nextLine(60));
        assertEquals(0, sink.waitFor(60), sink.stderr());
    }

    /** Sends 1-byte probes until the server (replying echo) answers: it is bound and serving. */
    static void awaitEcho(int port) throws Exception {
        try (DatagramChannel probe = Loopback.peer()) {
            for (int attempt = 0; attempt < 100; attempt++) {
                probe.send(java.nio.ByteBuffer.wrap(new byte[] {0}),
                        new InetSocketAddress(Loopback.address(), port));
                if (Loopback.receive(probe, 200) != null) {
                    return;
                }
            }
        }
        throw new AssertionError("the server on port " + port + " never answered");
    }

    @Test
    void addressInUseIsOneLineAndExitCodeOne() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            taken.bind(new InetSocketAddress(Loopback.address(), 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            CliRun run = CliRun.run(new UdpServerCommand(), "--port", Integer.toString(port));
            assertEquals(1, run.exitCode(30));
            assertOneLine(run.err(), "udp-server: cannot bind UDP 127.0.0.1:" + port
                    + ": Address already in use");
            assertEquals(1, run.err().split("cannot bind", -1).length - 1,
                    "the address is named once: " + run.err());
        }
    }

    @Test
    void metricsAddressInUseIsOneLineAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, Loopback.address())) {
            CliRun run = CliRun.run(new UdpServerCommand(), "--port", "0", "--metrics",
                    Integer.toString(taken.getLocalPort()));
            assertEquals(1, run.exitCode(30));
            assertOneLine(run.err(), "udp-server: cannot bind --metrics 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aPortTakenWithReuseAddressIsNotSharedByDefault() throws Exception {
        try (DatagramChannel taken = DatagramChannel.open()) {
            // The recipe's socket sets SO_REUSEADDR; a default server must still not share it.
            taken.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            taken.bind(new InetSocketAddress(Loopback.address(), 0));
            int port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
            CliRun run = CliRun.run(new UdpServerCommand(), "--port", Integer.toString(port),
                    "--idle-timeout", "0.2");
            assertEquals(1, run.exitCode(30), run.err());
            assertOneLine(run.err(), "udp-server: cannot bind UDP 127.0.0.1:" + port);

            CliRun shared = CliRun.run(new UdpServerCommand(), "--port", Integer.toString(port),
                    "--idle-timeout", "0.2", "--reuse-address");
            assertEquals(0, shared.exitCode(30), "--reuse-address shares it: " + shared.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0663", "\uff10", "\u0661\u0662\u0663", "+\uff19"})
    void portTakesAsciiDigitsOnly(String port) throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--port", port, "--idle-timeout", "0.2");
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-server: Invalid value for option '--port': '" + port
                + "' is not a whole number in ASCII digits 0-9");
    }

    @Test
    void fractionsTakeAsciiDigitsOnly() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--idle-timeout", "\u0661.\u0665");
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-server: Invalid value for option '--idle-timeout': ");
        assertTrue(run.err().contains("not a decimal number in ASCII digits 0-9"), run.err());
    }

    @Test
    void atFileArgumentsAreNotExpanded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path secret = dir.resolve("secret.txt");
        java.nio.file.Files.writeString(secret, "--port 0 --idle-timeout 0.2 TOPSECRET");
        CliRun run = CliRun.run(new UdpServerCommand(), "@" + secret);
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-server: Unmatched argument at index 0: '@" + secret + "'");
        assertFalse(run.err().contains("TOPSECRET"), "the file is not read: " + run.err());
    }

    @Test
    void idleTimeoutBeyondTheCapNamesTheCap() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--idle-timeout", "1e300");
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-server: --idle-timeout must be between 0.001 and "
                + "1000000000 seconds: 1.0E300");
    }

    @Test
    void aMegabyteBadValueIsShortenedInTheOneLine() throws Exception {
        String huge = "x".repeat(1 << 20);
        CliRun run = CliRun.run(new UdpServerCommand(), "--port", huge);
        assertEquals(2, run.exitCode(30));
        assertOneLine(run.err(), "udp-server: Invalid value for option '--port': 'xxx");
        assertTrue(run.err().strip().length() <= io.udpkit.cli.CliErrors.MAX_LINE + 80, run.err().length()
                + " characters");
        assertTrue(run.err().contains(" characters left out) ..."), run.err());
        assertTrue(run.err().strip().endsWith("(see --help)"), "the end is kept");
    }

    @Test
    void forwardingToTheServersOwnSocketIsRefused() throws Exception {
        int port = Loopback.freePort();
        CliRun exact = CliRun.run(new UdpServerCommand(), "--port", Integer.toString(port),
                "--forward", "127.0.0.1:" + port, "--idle-timeout", "0.2");
        assertEquals(2, exact.exitCode(30), exact.err());
        assertTrue(exact.err().contains("udp-server: --forward: forward target 127.0.0.1:" + port
                + " is this server's own socket"), exact.err());

        CliRun wildcard = CliRun.run(new UdpServerCommand(), "--host", "0.0.0.0", "--port",
                Integer.toString(port), "--forward", "localhost:" + port, "--idle-timeout", "0.2");
        assertEquals(2, wildcard.exitCode(30), wildcard.err());
        assertTrue(wildcard.err().contains("is this server's own socket (bound to 0.0.0.0:"
                + port + ")"), wildcard.err());

        CliRun otherPort = CliRun.run(new UdpServerCommand(), "--port", Integer.toString(port),
                "--forward", "127.0.0.1:" + Loopback.freePort(), "--idle-timeout", "0.2");
        assertEquals(0, otherPort.exitCode(30), otherPort.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port 70000", "--port -1", "--port abc", "--reply loud",
        "--output xml", "--format ZZZ", "--idle-timeout -1",
        "--idle-timeout 0", "--codec nosuch", "--format i --codec text", "--format i --codec-spec i",
        "--rcvbuf -5", "--bogus", "--max-pps-per-source -1", "--stats-interval 0",
        "--forward nohostport", "--forward 127.0.0.1:0", "--forward 127.0.0.1:x",
        "--forward 127.0.0.1:9 --forward-codec text", "--host no.such.host.invalid",
        "--warmup -1", "--warmup 10000001",
        "--metrics 70000", "--metrics -1", "--metrics abc", "--metrics :9464", "--metrics ::1:9464",
        "--metrics no.such.host.invalid:9464"})
    void badArgumentsGiveOneLineAndExitCodeTwo(String args) throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), args.split(" "));
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-server: ");
        assertEquals("", run.out());
    }

    @Test
    void badFormatMessageNamesTheBadCharacter() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--format", "! I 2s Z");
        assertEquals(2, run.exitCode(30));
        assertTrue(run.err().contains("'Z'"), run.err());
    }

    @Test
    void codecsListsTheBuiltInCodecsWithDescriptions() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "codecs");
        assertEquals(0, run.exitCode(30), run.err());
        List<String> names = run.out().lines().map(line -> line.split("\\s+", 2)[0]).toList();
        assertTrue(names.containsAll(List.of("json", "raw", "struct", "text")), run.out());
        assertTrue(run.out().lines().allMatch(line -> line.split("\\s+", 2).length == 2), run.out());
    }

    @Test
    void helpAndVersionExitZero() throws Exception {
        CliRun help = CliRun.run(new UdpServerCommand(), "--help");
        assertEquals(0, help.exitCode(30));
        for (String flag : List.of("--host", "--port", "--format", "--codec", "--codec-spec",
                "--reply", "--output", "--idle-timeout", "--rcvbuf", "--sndbuf", "--stop-on-empty",
                "--verbose", "--version")) {
            assertTrue(help.out().contains(flag), "help mentions " + flag);
        }
        assertTrue(help.out().contains("UNSAFE"), "--stop-on-empty is documented as unsafe");
        assertTrue(help.out().contains("--reuse-address") && help.out().contains("RISK"),
                "--reuse-address and its risk: " + help.out());
        assertTrue(help.out().contains("\"value\":"), "the key the json, text and raw codecs"
                + " print: " + help.out());
        assertTrue(help.out().contains("SIGHUP"), "SIGHUP is handled as promised");
        CliRun version = CliRun.run(new UdpServerCommand(), "--version");
        assertEquals(0, version.exitCode(30));
        assertTrue(version.out().startsWith("udp-server "), version.out());
    }

    static void assertOneLine(String err, String prefix) {
        String text = err.strip();
        assertTrue(text.startsWith(prefix), "starts with '" + prefix + "': " + err);
        assertFalse(text.contains("\n"), "one line: " + err);
        assertFalse(text.contains("Exception"), "no exception names: " + err);
    }
}
