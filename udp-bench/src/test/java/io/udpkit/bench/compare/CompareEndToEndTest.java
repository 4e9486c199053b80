package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs a tiny {@code compare} for real on 127.0.0.1: C baselines, Netty, Python and udpkit, each
 * in its own process. Asserts counts and files, never timings.
 */
class CompareEndToEndTest {

    private static final int WARMUP = 100;
    private static final int STEADY = 200;

    private static boolean gccRuns() throws InterruptedException {
        try {
            ChildProcess.run("gcc", List.of("gcc", "--version"), Path.of("/dev/null"), Duration.ofSeconds(30));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Timeout(300)
    void everyPeerReceivesEchoesAndIsWrittenToJsonAndChart(@TempDir Path dir) throws Exception {
        assumeTrue(gccRuns(), "gcc is not installed: the C sender and baselines cannot be built");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Compare());
        cli.setOut(new PrintWriter(out));

        int exit = cli.execute("--only", "c-recvmmsg,netty,python,udpkit,udpkit-warmup", "--seconds", "1",
                "--repeats", "1", "--clients", "c,udpkit",
                "--warmup-trips", Integer.toString(WARMUP), "--steady-trips", Integer.toString(STEADY),
                "--out", dir.toString(), "--python", System.getProperty("udpkit.python", "python3"));

        assertEquals(0, exit, out.toString());
        JsonNode root = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        boolean python = root.path("machine").path("python").asText().startsWith("Python 3");
        Map<String, JsonNode> throughput = new HashMap<>();
        root.path("throughput").forEach(peer -> throughput.put(peer.path("peer").asText(), peer));
        for (String peer : python ? List.of("c-recvfrom", "c-recvmmsg", "netty", "python", "udpkit")
                : List.of("c-recvfrom", "c-recvmmsg", "netty", "udpkit")) {
            JsonNode run = throughput.get(peer).path("runs").get(0);
            assertTrue(run.path("cpuUserNanos").asLong() + run.path("cpuSysNanos").asLong() > 0,
                    peer + " reported no receiving-thread CPU: " + run);
            assertTrue(throughput.get(peer).path("medianCpuNanosPerDatagram").asDouble() > 0, peer + ": " + run);
            assertTrue(run.path("received").asLong() > 0, peer + " received nothing: " + run);
            assertTrue(run.path("received").asLong() <= run.path("sent").asLong(), peer + " counted too many: " + run);
            assertTrue(!run.path("timedOut").asBoolean(), peer + " missed the end marker: " + run);
            assertSteadyWindowMatchesTheCount(peer, run);
        }
        // c, netty, udpkit, udpkit-warmup (+ python): each against both clients.
        int echoes = python ? 5 : 4;
        assertEquals(2 * echoes, root.path("roundTrip").size(), out.toString());
        for (JsonNode rtt : root.path("roundTrip")) {
            assertEquals(WARMUP, rtt.path("warmup").path("count").asLong() + rtt.path("warmup").path("timeouts").asLong());
            assertEquals(STEADY, rtt.path("steady").path("count").asLong() + rtt.path("steady").path("timeouts").asLong());
            assertTrue(rtt.path("steady").path("count").asLong() > 0, "no replies at all: " + rtt);
            assertTrue(rtt.path("serverCpuNanosPerRoundTrip").asDouble() > 0, "no server CPU: " + rtt);
            boolean jvm = !rtt.path("server").asText().equals("c") && !rtt.path("server").asText().equals("python");
            assertEquals(jvm, rtt.path("jitCompilationsWhileServing").asLong() >= 0, "JIT counted for JVMs only: " + rtt);
        }
        assertTrue(Files.size(dir.resolve("compare.png")) > 1_000);
    }

    /**
     * Whether a peer got past {@link ReceiveTally#STEADY_FROM} depends on the machine, so this pins
     * the relation, not the presence: a steady window exactly when that many arrived, counting the
     * datagrams after them (one loop per peer here), with no more CPU than the whole loop's.
     */
    private static void assertSteadyWindowMatchesTheCount(String peer, JsonNode run) {
        long received = run.path("received").asLong();
        boolean reached = received >= ReceiveTally.STEADY_FROM;
        assertEquals(reached, run.has("steadyCount"), peer + ": steady window iff " + ReceiveTally.STEADY_FROM
                + " arrived: " + run);
        if (reached) {
            assertEquals(received - ReceiveTally.STEADY_FROM, run.path("steadyCount").asLong(), peer + ": " + run);
            long steady = run.path("steadyCpuUserNanos").asLong() + run.path("steadyCpuSysNanos").asLong();
            long whole = run.path("cpuUserNanos").asLong() + run.path("cpuSysNanos").asLong();
            assertTrue(steady >= 0 && steady <= whole, peer + ": steady CPU within the whole loop's: " + run);
        }
    }

    @Test
    void anUnknownPeerIsAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();

        int exit = compare(err, "--only", "rust", "--out", dir.toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("unknown peer [rust]"), err.toString());
    }

    @Test
    void aJavaThatIsNotAnExecutableIsAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();

        int exit = compare(err, "--java", dir.resolve("no-such-java").toString(), "--out", dir.toString());

        assertEquals(2, exit);
        assertTrue(err.toString().contains("--java is not an executable file"), err.toString());
    }

    /** Runs compare's command line as {@code main} does for usage errors: one line, exit 2. */
    private static int compare(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new Compare());
        cli.setErr(new PrintWriter(err));
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }
}
