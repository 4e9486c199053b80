package io.udpkit.server.sink;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code udp-server} in a JVM of its own (as an operator runs it), with a small heap so that
 * unbounded growth would end it, on port 0; {@link #stop()} sends SIGTERM, as an operator does.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path stderr;
    private final int port;

    private ServerProcess(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
    }

    static ServerProcess start(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "io.udpkit.server.cli.UdpServerCommand", "--port", "0", "--output", "none"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "server", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - until < 0) {
            Matcher m = LISTENING.matcher(Files.readString(err, UTF_8));
            if (m.find()) {
                return new ServerProcess(process, err, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                throw new AssertionError("udp-server exited " + process.exitValue() + ": "
                        + Files.readString(err, UTF_8));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("udp-server did not start: " + Files.readString(err, UTF_8));
    }

    int port() {
        return port;
    }

    /**
     * Waits (at most 90 s) until a periodic stats line ({@code --stats-interval}) shows every
     * sink with at least {@code accepted} values and none unconfirmed: all delivered, dropped or
     * failed.
     */
    void awaitSinksSettled(long accepted) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() - until < 0) {
            List<String> lines = Files.readAllLines(stderr, UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                int at = lines.get(i).indexOf("stats: {");
                if (at >= 0) {
                    last = lines.get(i);
                    if (settled(new ObjectMapper().readTree(last.substring(at + "stats: ".length())), accepted)) {
                        return;
                    }
                    break;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sinks did not settle at " + accepted + " values: " + last);
    }

    private static boolean settled(JsonNode stats, long accepted) {
        JsonNode sinks = stats.get("sinks");
        if (sinks == null) {
            return false;
        }
        for (JsonNode sink : sinks) {
            if (sink.get("accepted").asLong() < accepted || sink.get("unconfirmed").asLong() != 0) {
                return false;
            }
        }
        return true;
    }

    /** SIGTERM, then waits for the exit; returns its stderr lines. */
    List<String> stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("udp-server did not stop: " + Files.readString(stderr, UTF_8));
        }
        return Files.readAllLines(stderr, UTF_8);
    }

    /** The final stats line of a stopped server, parsed. */
    static JsonNode stats(List<String> stderrLines) throws IOException {
        String last = stderrLines.get(stderrLines.size() - 1);
        if (!last.startsWith("stats: {")) {
            throw new AssertionError("no stats line last: " + stderrLines);
        }
        return new ObjectMapper().readTree(last.substring("stats: ".length()));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
