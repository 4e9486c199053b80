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
                    "inFlight", "unmatchedReplies", "lossPercent", "rttMicros")), fields);
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
        }
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
