package io.udpkit.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.server.Loopback;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The udp-server launcher as a separate JVM, for what only a real process shows: its exit code
 * through {@code main}, signals, and the last line of its stderr.
 */
class ServerProcessTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://([0-9.]+:\\d+)/metrics");

    /** A running launcher whose stderr lines are collected as they come. */
    private static final class ServerProcess {
        final Process process;
        final List<String> errLines = new ArrayList<>();
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final CompletableFuture<String> metricsAddress = new CompletableFuture<>();
        final CompletableFuture<Void> errClosed = new CompletableFuture<>();

        ServerProcess(String... args) throws IOException {
            this(List.of("-cp", System.getProperty("java.class.path"), UdpServerCommand.class.getName()),
                    args);
        }

        /** Runs {@code java}, then {@code launch} (class or module path and main), then {@code args}. */
        ServerProcess(List<String> launch, String... args) throws IOException {
            this(builder -> builder.redirectOutput(ProcessBuilder.Redirect.DISCARD), launch, args);
        }

        /** Starts the launcher after {@code setup} has set the process's stdout and the like. */
        ServerProcess(Consumer<ProcessBuilder> setup, String... args) throws IOException {
            this(setup, List.of("-cp", System.getProperty("java.class.path"),
                    UdpServerCommand.class.getName()), args);
        }

        private ServerProcess(Consumer<ProcessBuilder> setup, List<String> launch, String... args)
                throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(launch);
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            setup.accept(builder);
            process = builder.start();
            Thread reader = new Thread(this::readErr, "server-stderr");
            reader.setDaemon(true);
            reader.start();
        }

        private void readErr() {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    synchronized (errLines) {
                        errLines.add(line);
                    }
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        port.complete(Integer.parseInt(listening.group(1)));
                    }
                    Matcher metrics = METRICS.matcher(line);
                    if (metrics.find()) {
                        metricsAddress.complete(metrics.group(1));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            } finally {
                port.completeExceptionally(new AssertionError("server exited before listening"));
                metricsAddress.completeExceptionally(
                        new AssertionError("server exited before serving metrics"));
                errClosed.complete(null);
            }
        }

        int awaitPort() throws Exception {
            return port.get(60, TimeUnit.SECONDS);
        }

        int awaitExit() throws Exception {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("server still running after 60 s: " + errLines());
            }
            errClosed.get(10, TimeUnit.SECONDS);
            return process.exitValue();
        }

        List<String> errLines() {
            synchronized (errLines) {
                return List.copyOf(errLines);
            }
        }

        /** The last stderr line, which must be the stats line, parsed. */
        JsonNode finalStats() throws Exception {
            List<String> lines = errLines();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("stats: {"), "last stderr line is the stats: " + lines);
            return new ObjectMapper().readTree(last.substring("stats: ".length()));
        }
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                UdpServerCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Sends {@code count} datagrams without waiting for replies. */
    private static void send(int port, int count) throws IOException {
        try (DatagramChannel peer = Loopback.peer()) {
            for (int i = 0; i < count; i++) {
                peer.send(ByteBuffer.wrap(("datagram " + i).getBytes(StandardCharsets.US_ASCII)),
                        new InetSocketAddress(Loopback.address(), port));
            }
        }
    }

    /** Sends a datagram every 20 ms until the server exits (at most 30 s). */
    private static void sendUntilExit(ServerProcess server, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.process.isAlive() && System.nanoTime() < deadline) {
            send(port, 1);
            Thread.sleep(20);
        }
    }

    private static void sendOne(int port) throws IOException {
        try (DatagramChannel peer = Loopback.peer()) {
            peer.send(ByteBuffer.wrap("data".getBytes(StandardCharsets.US_ASCII)),
                    new InetSocketAddress(Loopback.address(), port));
            assertTrue(Loopback.receive(peer, 10_000) != null, "echo received");
        }
    }

    @Test
    void statsIntervalLogsPeriodicStatsLinesBeforeTheFinalOne() throws Exception {
        ServerProcess server = new ServerProcess("--port", "0", "--idle-timeout", "2.5",
                "--stats-interval", "0.5");
        int port = server.awaitPort();
        sendOne(port);
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        List<String> lines = server.errLines();
        long periodic = lines.stream()
                .filter(line -> line.matches("\\[stats \\(\\d+\\)] stats: \\{\"received\":\\d+,.*"))
                .count();
        assertTrue(periodic >= 2, "periodic stats lines while idle for 2.5 s: " + lines);
        assertEquals(1, server.finalStats().get("received").asLong());
    }

    @Test
    void idleTimeoutExitsZeroWithStatsAsLastStderrLine() throws Exception {
        ServerProcess server = new ServerProcess("--port", "0", "--idle-timeout", "1");
        server.awaitPort();
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        JsonNode stats = server.finalStats();
        for (String counter : List.of("received", "decoded", "undecodable", "replied", "truncated",
                "handlerErrors", "rateLimited", "oversizedReplies", "socketDrops")) {
            assertTrue(stats.has(counter), "stats has " + counter + ": " + stats);
        }
        assertEquals(0, stats.get("received").asLong());
        assertTrue(server.errLines().get(0).matches("\\[main \\(\\d+\\)] .*"),
                "recipe log layout [thread (pid)] message: " + server.errLines().get(0));
    }

    @Test
    void sigtermExitsZeroWithStatsAsLastStderrLine() throws Exception {
        ServerProcess server = new ServerProcess("--port", "0");
        int port = server.awaitPort();
        sendOne(port);
        // SIGTERM through the handle: Process.destroy() would also close our end of its stderr.
        assertTrue(server.process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        assertEquals(1, server.finalStats().get("received").asLong());
        assertEquals(1, server.finalStats().get("replied").asLong());
        assertTrue(server.errLines().stream().anyMatch(line -> line.endsWith("] stopped: SIGTERM")),
                "the log says why it stopped: " + server.errLines());
    }

    @Test
    void sighupExitsZeroWithStatsAsLastStderrLineAsHelpPromises() throws Exception {
        ServerProcess server = new ServerProcess("--port", "0");
        int port = server.awaitPort();
        sendOne(port);
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.process.pid()))
                .start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -HUP ran");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        assertEquals(1, server.finalStats().get("received").asLong());
        assertTrue(server.errLines().stream().anyMatch(line -> line.endsWith("] stopped: SIGHUP")),
                server.errLines().toString());
    }

    @Test
    void aSecondDefaultServerOnTheSamePortFailsWithOneLine() throws Exception {
        ServerProcess first = new ServerProcess("--port", "0", "--idle-timeout", "30");
        int port = first.awaitPort();
        ServerProcess second = new ServerProcess("--port", Integer.toString(port));
        assertEquals(1, second.awaitExit(), second.errLines().toString());
        List<String> lines = second.errLines();
        assertEquals("udp-server: cannot bind UDP 127.0.0.1:" + port + ": Address already in use",
                lines.get(lines.size() - 1), lines.toString());
        sendOne(port); // the first still owns the port
        assertTrue(first.process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(0, first.awaitExit(), first.errLines().toString());
        assertEquals(1, first.finalStats().get("received").asLong(), "the first got the datagram");
    }

    @Test
    void stdoutOnDevFullStopsTheServerWithOneLineAndExitOne() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.canWrite(), "needs /dev/full");
        ServerProcess server = new ServerProcess(builder -> builder.redirectOutput(full),
                "--port", "0", "--reply", "none");
        int port = server.awaitPort();
        sendUntilExit(server, port);
        assertWriteFailure(server, "No space left on device");
    }

    @Test
    void stdoutIntoAPipeClosedAfterTheFirstLineStopsTheServer() throws Exception {
        // As `udp-server | head -1`: the reader goes away after one line.
        ServerProcess server = new ServerProcess(builder -> { }, "--port", "0", "--reply", "none");
        int port = server.awaitPort();
        send(port, 1);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(
                server.process.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("b'datagram 0'", out.readLine());
        }
        sendUntilExit(server, port);
        assertWriteFailure(server, "Broken pipe");
    }

    @Test
    void closedStdoutStopsTheServer() throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "exec \"$0\" \"$@\" >&-"));
        command.addAll(javaCommand("--port", "0", "--reply", "none"));
        ServerProcess server = new ServerProcess(builder -> builder.command(command));
        int port = server.awaitPort();
        sendUntilExit(server, port);
        assertWriteFailure(server, "Bad file descriptor");
    }

    @Test
    void textIsUtf8OnStdoutUnderTheCLocale() throws Exception {
        // LANG=C, and the JVM's own defaults made ASCII explicitly: JDK 17 derives file.encoding
        // from the locale, JDK 18+ defaults it to UTF-8 but takes stdout.encoding (19+) from it.
        List<String> command = new ArrayList<>(javaCommand("--port", "0", "--codec", "text"));
        command.addAll(1, List.of("-Dfile.encoding=US-ASCII", "-Dstdout.encoding=US-ASCII",
                "-Dsun.stdout.encoding=US-ASCII", "-Dstderr.encoding=US-ASCII"));
        ServerProcess server = new ServerProcess(builder -> {
            builder.command(command);
            builder.environment().put("LANG", "C");
            builder.environment().put("LC_ALL", "C");
        });
        int port = server.awaitPort();
        byte[] text = "\u00e9\ud83d\ude00".getBytes(StandardCharsets.UTF_8); // é😀
        try (DatagramChannel peer = Loopback.peer()) {
            peer.send(ByteBuffer.wrap(text), new InetSocketAddress(Loopback.address(), port));
            assertTrue(Loopback.receive(peer, 10_000) != null, "echo received");
        }
        assertTrue(server.process.toHandle().destroy(), "SIGTERM sent");
        byte[] out = server.process.getInputStream().readAllBytes();
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        // Python prints 'é😀' for this str; under LANG=C the JVM's defaults printed '??'.
        assertEquals("'\u00e9\ud83d\ude00'\n", new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void ipv6LoopbackIsLoggedAsPeopleWriteIt() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress("::1", 0));
        } catch (IOException | UnsupportedOperationException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e);
        }
        ServerProcess server = new ServerProcess("--host", "::1", "--port", "0",
                "--idle-timeout", "0.5");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        List<String> lines = server.errLines();
        assertTrue(lines.stream().anyMatch(line -> line.contains("] listening on [::1]:")),
                "[::1], not [0:0:0:0:0:0:0:1]: " + lines);
        assertTrue(lines.stream().noneMatch(line -> line.contains("0:0:0:0:0:0:0:1")),
                lines.toString());
    }

    private static void assertWriteFailure(ServerProcess server, String reason) throws Exception {
        assertEquals(1, server.awaitExit(), server.errLines().toString());
        List<String> lines = server.errLines();
        String last = lines.get(lines.size() - 1);
        assertEquals("udp-server: cannot write to stdout: " + reason + "; stopped, values decoded"
                + " since the last successful write are lost", last, lines.toString());
        assertTrue(lines.get(lines.size() - 2).startsWith("stats: {"), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.endsWith("] stopped: stdout cannot be"
                + " written")), lines.toString());
    }

    @Test
    void sigintExitsZeroWithStatsAsLastStderrLine() throws Exception {
        ServerProcess server = new ServerProcess("--port", "0", "--format", "! I 2s Q 2h f");
        int port = server.awaitPort();
        sendOne(port);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.process.pid()))
                .start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT ran");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        assertEquals(1, server.finalStats().get("undecodable").asLong());
    }

    /**
     * The launcher as a named module: {@code java -p ... -m}, with no {@code --add-modules}.
     * udp-cli and picocli are resolved because io.udpkit.server requires them; logback and the
     * struct codec through service binding (SLF4J's provider, udpkit's CodecProvider).
     */
    @Test
    void modulePathLaunchServesWithNoAddModules() throws Exception {
        String modulePath = modulePath();
        ServerProcess server = new ServerProcess(List.of("-p", modulePath,
                "-m", "io.udpkit.server/" + UdpServerCommand.class.getName()),
                "--port", "0", "--format", "<I");
        int port = server.awaitPort();
        sendOne(port);
        assertTrue(server.process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        assertEquals(1, server.finalStats().get("decoded").asLong(), "the struct codec was found");
        List<String> lines = server.errLines();
        assertTrue(lines.get(0).matches("\\[main \\(\\d+\\)] .*"),
                "logback configured in the recipe layout: " + lines);
        assertTrue(lines.stream().noneMatch(line -> line.contains("SLF4J")), lines.toString());
    }

    /**
     * --metrics on a module path: udp-metrics-prometheus is an optional (static) requirement, so
     * it is resolved only when named; without it the launcher says so in one line.
     */
    @Test
    void modulePathMetricsNeedsTheMetricsModuleNamed() throws Exception {
        String modulePath = modulePath();
        ServerProcess named = new ServerProcess(List.of("-p", modulePath,
                "--add-modules", "io.udpkit.metrics.prometheus",
                "-m", "io.udpkit.server/" + UdpServerCommand.class.getName()),
                "--port", "0", "--metrics", "0");
        String address = named.metricsAddress.get(60, TimeUnit.SECONDS);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + address + "/metrics")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(scrape.body().contains("udpkit_transport_received_total 0.0"), scrape.body());
        assertTrue(named.process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(0, named.awaitExit(), named.errLines().toString());

        ServerProcess unnamed = new ServerProcess(List.of("-p", modulePath,
                "-m", "io.udpkit.server/" + UdpServerCommand.class.getName()),
                "--port", "0", "--metrics", "0");
        assertEquals(1, unnamed.awaitExit(), unnamed.errLines().toString());
        List<String> lines = unnamed.errLines();
        assertTrue(lines.get(lines.size() - 1).startsWith("udp-server: --metrics needs udp-metrics-prometheus"),
                lines.toString());
    }

    /**
     * Logback is optional: launched on the module path without it, the server still runs (SLF4J
     * says it has no provider; udpkit logs go nowhere) and prints its version and final stats.
     */
    @Test
    void modulePathLaunchWithoutLogbackStillRuns() throws Exception {
        String withoutLogback = Arrays.stream(modulePath().split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("logback-"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> launch = List.of("-p", withoutLogback,
                "-m", "io.udpkit.server/" + UdpServerCommand.class.getName());
        ServerProcess version = new ServerProcess(launch, "--version");
        assertEquals(0, version.awaitExit(), version.errLines().toString());
        ServerProcess server = new ServerProcess(launch, "--port", "0", "--idle-timeout", "0.5");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        assertEquals(0, server.finalStats().get("received").asLong());
        assertTrue(server.errLines().stream().noneMatch(line -> line.contains("Exception")),
                server.errLines().toString());
    }

    /**
     * This test's class path as a module path: udpkit's own modules (target/classes of the
     * reactor, each with its module-info) and the third-party jars, without the test classes and
     * test frameworks.
     */
    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.equals("test-classes") || name.endsWith("-tests.jar") || name.startsWith("junit-")
                    || name.startsWith("opentest4j-") || name.startsWith("apiguardian-")
                    || name.startsWith("udp-testkit") || entry.contains("udp-testkit")
                    || name.startsWith("surefire") || name.startsWith("common-")) {
                continue;
            }
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void metricsOnPortZeroServesTheCountersAtTheLoggedAddress() throws Exception {
        ServerProcess server = new ServerProcess("--port", "0", "--format", "! I 2s Q 2h f",
                "--metrics", "0");
        int port = server.awaitPort();
        String metricsAddress = server.metricsAddress.get(60, TimeUnit.SECONDS);
        assertTrue(metricsAddress.startsWith("127.0.0.1:"), "a bare port binds localhost: " + metricsAddress);
        sendOne(port);
        ByteBuffer record = ByteBuffer.allocate(22); // "! I 2s Q 2h f": 4 + 2 + 8 + 2 + 2 + 4
        record.putInt(1).put((byte) 'a').put((byte) 'b').putLong(2).putShort((short) 3)
                .putShort((short) 3).putFloat(2.5f).flip();
        try (DatagramChannel peer = Loopback.peer()) {
            peer.send(record, new InetSocketAddress(Loopback.address(), port));
            assertTrue(Loopback.receive(peer, 10_000) != null, "echo received");
        }

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> scrape = null;
        Map<String, Double> samples = new HashMap<>();
        // The echo leaves before the record reaches the stdout sink's thread: scrape until the
        // sink has confirmed it (bounded).
        for (int attempt = 0; attempt < 100
                && !Double.valueOf(1.0).equals(samples.get("udpkit_sink_delivered_total{sink=\"stdout\"}"));
                attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            scrape = http.send(HttpRequest.newBuilder(URI.create("http://" + metricsAddress + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            samples.clear();
            for (String line : scrape.body().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
        }
        assertEquals(1.0, samples.get("udpkit_sink_accepted_total{sink=\"stdout\"}"), scrape.body());
        assertEquals(1.0, samples.get("udpkit_sink_delivered_total{sink=\"stdout\"}"), scrape.body());
        assertEquals(0.0, samples.get("udpkit_sink_failed_total{sink=\"stdout\"}"), scrape.body());
        assertEquals(2.0, samples.get("udpkit_transport_received_total"), scrape.body());
        assertEquals(1.0, samples.get("udpkit_transport_decoded_total"));
        assertEquals(1.0, samples.get("udpkit_transport_undecodable_total"));
        assertEquals(2.0, samples.get("udpkit_transport_replied_total"));
        assertTrue(samples.keySet().stream().anyMatch(series -> series.startsWith("jvm_memory_used_bytes{")),
                "JVM basics: " + samples.keySet());

        assertTrue(server.process.toHandle().destroy(), "SIGTERM sent");
        assertEquals(0, server.awaitExit(), server.errLines().toString());
        assertEquals(2, server.finalStats().get("received").asLong(), "the scrape saw the final counts");
    }

    @Test
    void usageErrorThroughMainExitsTwoWithOneLine() throws Exception {
        ServerProcess server = new ServerProcess("--port", "99999");
        assertEquals(2, server.awaitExit());
        assertEquals(List.of("udp-server: port out of range: 99999 (see --help)"), server.errLines());
    }
}
