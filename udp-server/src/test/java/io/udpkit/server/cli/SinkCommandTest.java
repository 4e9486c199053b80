package io.udpkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.server.Loopback;
import io.udpkit.cli.testing.CliRun;
import io.udpkit.testkit.PythonProcess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --sink NAME --sink-spec SPEC}, the {@code sinks} command, and the sinks in the stats. */
class SinkCommandTest {

    private static final String RECIPE = "! I 2s Q 2h f";

    @Test
    void sinkStdoutJsonPrintsWhatOutputJsonPrintsAndTheStatsCountIt() throws Exception {
        PythonProcess.assumePython();
        String viaOutput = run("--output", "json");
        String viaSink = run("--sink", "stdout", "--sink-spec", "json");
        assertEquals(viaOutput, viaSink);
        assertTrue(viaSink.startsWith("{\"from\":\"127.0.0.1:"), viaSink);
    }

    private static String run(String... output) throws Exception {
        int port = Loopback.freePort();
        String[] args = {"--port", Integer.toString(port), "--format", RECIPE, "--idle-timeout", "5"};
        String[] all = new String[args.length + output.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(output, 0, all, args.length, output.length);
        CliRun server = CliRun.start(new UdpServerCommand(), all);
        PythonProcess client = PythonProcess.start("recipe_client.py", Integer.toString(port));
        assertEquals(0, client.waitFor(60), client.stderr());
        assertEquals(0, server.exitCode(30), server.err());
        String err = server.err().strip();
        JsonNode stats = new ObjectMapper().readTree(err.substring("stats: ".length()));
        JsonNode sink = stats.get("sinks").get(0);
        assertEquals("stdout", sink.get("sink").asText(), stats.toString());
        assertEquals(stats.get("decoded").asLong(), sink.get("delivered").asLong(), stats.toString());
        assertEquals(0, sink.get("unconfirmed").asLong(), stats.toString());
        // The recipe's client sends the sender's port in no value: only "from" differs by run.
        return server.out().replaceAll("\"from\":\"127.0.0.1:\\d+\"", "\"from\":\"127.0.0.1:P\"");
    }

    @Test
    void sinksListsEveryInstalledSink() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "sinks");
        assertEquals(0, run.exitCode(30), run.err());
        List<String> names = run.out().lines().map(line -> line.split("\\s+", 2)[0]).toList();
        assertTrue(names.containsAll(List.of("stdout", "udp-json")), names.toString());
        assertEquals(names.stream().sorted().toList(), names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--sink nope", "--sink udp-json --sink-spec 127.0.0.1:0",
        "--sink stdout --sink-spec xml", "--output json --sink stdout", "--sink-spec x"})
    void badSinkIsOneLineAndExitCodeTwo(String args) throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), ("--format i " + args).split(" "));
        assertEquals(2, run.exitCode(30), run.err());
        UdpServerCommandTest.assertOneLine(run.err(), "udp-server: ");
        assertEquals("", run.out());
    }

    @Test
    void unknownSinkListsTheAvailableNames() throws Exception {
        CliRun run = CliRun.run(new UdpServerCommand(), "--sink", "nope");
        assertEquals(2, run.exitCode(30));
        assertTrue(run.err().contains("unknown sink 'nope'; available: "), run.err());
        assertTrue(run.err().contains("stdout, udp-json"), run.err());
    }
}
