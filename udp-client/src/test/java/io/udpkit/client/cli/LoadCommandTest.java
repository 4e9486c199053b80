package io.udpkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.udpkit.cli.testing.CliRun;
import io.udpkit.client.load.EchoServer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code udp-client load} run in-process against UdpEndpoint servers on 127.0.0.1. */
class LoadCommandTest {

    private static final JsonMapper JSON = new JsonMapper();

    @Test
    void jsonSummaryAgainstEchoServerHasEveryReplyAndParseablePercentiles() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--format", "! I 2s Q 2h f", "--values", "[1, \"ab\", 2, 3, 3, 2.5]",
                    "--rate", "2000", "--duration", "1.2", "--expect-reply", "--json");
            assertEquals(0, run.exitCode(30), run.err());
            JsonNode summary = JSON.readTree(run.out());
            assertEquals(22, summary.get("payloadBytes").asInt(), "the packed seed record");
            assertEquals(2400, summary.get("sent").asLong());
            assertEquals(2400, summary.get("replies").asLong());
            assertEquals(0, summary.get("lost").asLong());
            JsonNode rtt = summary.get("rttMicros");
            for (String percentile : List.of("p50", "p90", "p99", "p999", "max", "mean")) {
                assertTrue(rtt.get(percentile).isNumber(), percentile + " in " + rtt);
                assertTrue(rtt.get(percentile).asDouble() > 0, percentile + " in " + rtt);
            }
            assertTrue(rtt.get("p50").asDouble() <= rtt.get("p999").asDouble(), rtt.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"--size,32,sequence", "--size,19,order", "--message,data,order"})
    void sizedPayloadsOfTwentyBytesOrMoreAreMatchedByRequestNumber(String option, String value,
            String matching) throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    option, value, "--rate", "500", "--duration", "0.2", "--expect-reply", "--json");
            assertEquals(0, run.exitCode(30), run.err());
            JsonNode summary = JSON.readTree(run.out());
            assertEquals(matching, summary.get("matching").asText(), run.out());
            assertEquals(100, summary.get("replies").asLong(), run.out());
        }
    }

    @Test
    void jsonSummaryHasTheDocumentedFields() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--message", "data", "--rate", "500", "--duration", "0.2", "--expect-reply",
                    "--json");
            assertEquals(0, run.exitCode(30), run.err());
            assertEquals(1, run.out().strip().lines().count(), "one JSON object on one line");
            JsonNode summary = JSON.readTree(run.out());
            Set<String> fields = new TreeSet<>();
            summary.fieldNames().forEachRemaining(fields::add);
            assertEquals(new TreeSet<>(List.of("target", "payloadBytes", "rate", "durationSeconds",
                    "elapsedSeconds", "finished", "stoppedEarly", "sent", "sendErrors",
                    "achievedRate", "maxSendLagMicros", "expectReply", "matching", "replies", "lost",
                    "inFlight", "unmatchedReplies", "lossPercent", "socketDrops",
                    "lostBeyondSocket", "rttMicros", "jitterMicros", "rttInvalid")), fields);
            assertEquals("127.0.0.1:" + port(server), summary.get("target").asText());
            assertEquals(4, summary.get("payloadBytes").asInt());
            assertEquals(500.0, summary.get("rate").asDouble());
            assertTrue(summary.get("expectReply").asBoolean());
            assertEquals(100, summary.get("sent").asLong());
        }
    }

    @Test
    void silentServerCountsEverySentDatagramLostInTheTable() throws Exception {
        try (EchoServer server = EchoServer.silent()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--size", "100", "--rate", "1000", "--duration", "0.3", "--expect-reply",
                    "--timeout", "100");
            assertEquals(0, run.exitCode(30), run.err());
            String table = run.out();
            assertTrue(table.contains("sent           300\n"), table);
            assertTrue(table.contains("replies        0\n"), table);
            assertTrue(table.contains("lost           300 (100.0000%)\n"), table);
            assertTrue(table.contains("rtt            no reply"), table);
            assertTrue(table.contains("where lost     0 dropped at this client's socket (receive "
                    + "buffer full), 300 beyond it (network or server)\n"), table);
        }
    }

    @Test
    void textSummaryHasTheMeanAndJitterAndEachSecondItsOwnLine() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--size", "32", "--rate", "1000", "--duration", "2.5", "--expect-reply",
                    "--rcvbuf", "65536");
            assertEquals(0, run.exitCode(30), run.err());
            String table = run.out();
            assertTrue(table.contains("\nrtt mean       "), table);
            assertTrue(table.contains("\njitter         ") && table.contains(" us (RFC 3550)"), table);
            List<String> lines = run.err().lines().filter(l -> l.startsWith("[")).toList();
            assertTrue(lines.size() >= 2, run.err());
            long sent = 0;
            long received = 0;
            for (String line : lines) {
                assertTrue(line.matches("\\[ *[0-9.]+- *[0-9.]+ s\\] sent [0-9]+ \\([0-9]+/s\\), "
                        + "received [0-9]+ \\([0-9]+/s\\), lost [0-9]+ \\([0-9.]+%\\), "
                        + "(rtt p50 [0-9.]+ us p99 [0-9.]+ us, jitter [0-9.]+ us|rtt -)"
                        + "(, dropped at this socket [0-9]+)?"), line);
                sent += Long.parseLong(line.replaceAll(".*\\] sent ([0-9]+) .*", "$1"));
                received += Long.parseLong(line.replaceAll(".*, received ([0-9]+) .*", "$1"));
            }
            // Each line is its own interval (running totals would add up to far more).
            assertEquals(2500, sent, lines.toString());
            assertEquals(2500, received, lines.toString());
            assertTrue(lines.get(0).startsWith("[  0.0-"), lines.get(0));
        }
    }

    @Test
    void lossUnderSendOrderMatchingPrintsNoPercentiles() throws Exception {
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        try (EchoServer server = EchoServer.answering(request ->
                requests.incrementAndGet() % 10 == 0 ? List.of() : List.of(request))) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--message", "data", "--rate", "1000", "--duration", "0.5", "--expect-reply",
                    "--timeout", "100");
            assertEquals(0, run.exitCode(30), run.err());
            String table = run.out();
            assertTrue(table.contains("lost           50 (10.0000%)\n"), table);
            assertTrue(table.contains("rtt            round trips invalid: 50 requests were lost and "
                    + "replies are matched in send order"), table);
            assertTrue(!table.contains("rtt p50") && !table.contains("jitter"), table);
        }
    }

    @Test
    void matchSequenceStampsAMessageLongEnoughAndRefusesAShortOne() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--message", "x".repeat(24), "--match", "sequence", "--rate", "500",
                    "--duration", "0.2", "--expect-reply", "--json");
            assertEquals(0, run.exitCode(30), run.err());
            JsonNode summary = JSON.readTree(run.out());
            assertEquals("sequence", summary.get("matching").asText(), run.out());
            assertEquals(100, summary.get("replies").asLong(), run.out());
            CliRun order = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--size", "32", "--match", "order", "--rate", "500", "--duration", "0.2",
                    "--expect-reply", "--json");
            assertEquals(0, order.exitCode(30), order.err());
            assertEquals("order", JSON.readTree(order.out()).get("matching").asText());
        }
        CliRun shortMessage = CliRun.run(new UdpClientCommand(), "load", "--port", "9",
                "--message", "data", "--match", "sequence");
        assertEquals(2, shortMessage.exitCode(30));
        UdpClientCommandTest.assertOneLine(shortMessage.err(), "udp-client: --match sequence needs "
                + "a payload of at least 20 bytes for the request number; this one has 4");
    }

    @Test
    void maxRateJsonSaysMax() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", port(server),
                    "--size", "0", "--rate", "max", "--duration", "0.2", "--json");
            assertEquals(0, run.exitCode(30), run.err());
            JsonNode summary = JSON.readTree(run.out());
            assertEquals("max", summary.get("rate").asText());
            assertTrue(summary.get("sent").asLong() > 0, run.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--rate 0 --size 1",
        "--rate -5 --size 1",
        "--rate fast --size 1",
        "--size 70000",
        "--size -1",
        "--duration 0",
        "--duration 3601 --size 1",
        "--timeout 0 --size 1",
        "--port 70000 --size 1",
        "--host no.such.host.invalid --size 1",
        "--message a --size 1",
        "--format !I",
        "--values [1]",
        "--format !I --values [-1]",
        "--format !Z --values [1]",
        "--rcvbuf -1 --size 1",
        "--rcvbuf x --size 1",
        "--match sometimes --size 1",
        "",
    })
    void badArgumentsAreOneLineAndExitCodeTwo(String args) throws Exception {
        String[] words = args.isEmpty() ? new String[0] : args.split(" ");
        String[] command = new String[words.length + 1];
        command[0] = "load";
        System.arraycopy(words, 0, command, 1, words.length);
        CliRun run = CliRun.run(new UdpClientCommand(), command);
        assertEquals(2, run.exitCode(30), run.err());
        UdpClientCommandTest.assertOneLine(run.err(), "udp-client: ");
        assertEquals("", run.out());
    }

    @Test
    void missingPayloadNamesTheThreeChoices() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "load", "--port", "9");
        assertEquals(2, run.exitCode(30));
        UdpClientCommandTest.assertOneLine(run.err(),
                "udp-client: give exactly one payload: --message TEXT, --format FMT --values JSON, or --size N");
    }

    private static String port(EchoServer server) {
        return Integer.toString(server.address().getPort());
    }
}
