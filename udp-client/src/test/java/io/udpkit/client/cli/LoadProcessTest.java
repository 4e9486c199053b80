package io.udpkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.udpkit.client.load.EchoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code udp-client load} as a separate JVM, for what only a real process shows: a stop signal in
 * the middle of a long run prints the summary so far and exits 0.
 */
class LoadProcessTest {

    @Test
    void sigtermStopsALongRunPrintsTheSummarySoFarAndExitsZero() throws Exception {
        try (EchoServer server = EchoServer.echoing()) {
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    UdpClientCommand.class.getName(), "load",
                    "--port", Integer.toString(server.address().getPort()),
                    "--message", "data", "--rate", "200", "--duration", "600",
                    "--expect-reply", "--json");
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(
                    () -> readStdout(process));
            List<String> errLines = new ArrayList<>();
            CompletableFuture<Void> firstProgress = new CompletableFuture<>();
            Thread errReader = new Thread(() -> {
                try (BufferedReader err = new BufferedReader(new InputStreamReader(
                        process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = err.readLine(); line != null; line = err.readLine()) {
                        synchronized (errLines) {
                            errLines.add(line);
                        }
                        if (line.contains(" sent ")) {
                            firstProgress.complete(null);
                        }
                    }
                } catch (IOException e) {
                    firstProgress.completeExceptionally(e);
                } finally {
                    firstProgress.completeExceptionally(new AssertionError("load exited early"));
                }
            }, "load-stderr");
            errReader.setDaemon(true);
            errReader.start();
            try {
                firstProgress.get(60, TimeUnit.SECONDS);
                // SIGTERM through the handle, as a service manager or `kill` would send it.
                assertTrue(process.toHandle().destroy(), "SIGTERM sent");
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "load ended after SIGTERM");
            } finally {
                process.destroyForcibly();
            }
            errReader.join(10_000);
            List<String> err;
            synchronized (errLines) {
                err = List.copyOf(errLines);
            }
            assertEquals(0, process.exitValue(), "exit code after SIGTERM; stderr: " + err);
            JsonNode summary = JsonMapper.builder().build()
                    .readTree(stdout.get(10, TimeUnit.SECONDS));
            assertTrue(summary.get("stoppedEarly").asBoolean(), "stoppedEarly: " + summary);
            assertTrue(summary.get("sent").asLong() >= 100, "sent in over a second at 200/s: "
                    + summary);
            assertTrue(summary.get("replies").asLong() > 0, "replies: " + summary);
            assertTrue(summary.get("elapsedSeconds").asDouble() < 600, "cut short: " + summary);
            assertTrue(summary.has("rttMicros"), "round trips measured: " + summary);
        }
    }

    private static String readStdout(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
