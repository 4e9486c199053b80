package io.udpkit.bench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A peer or tool process started by {@link Compare}: its stdout is read line by line on a daemon
 * thread, its stderr goes to a log file, and it is killed when closed, when a wait times out, or
 * when the JVM exits, so no benchmark process outlives the run.
 */
final class ChildProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final String END_OF_OUTPUT = "\u0000eof";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kill-benchmark-children"));
    }

    private final String name;
    private final Process process;
    private final Path stderrLog;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildProcess(String name, Process process, Path stderrLog) {
        this.name = name;
        this.process = process;
        this.stderrLog = stderrLog;
    }

    /** Starts {@code command}, appending its stderr to {@code stderrLog}. */
    static ChildProcess start(String name, List<String> command, Path stderrLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Process process = builder.start();
        LIVE.add(process);
        ChildProcess child = new ChildProcess(name, process, stderrLog);
        Thread reader = new Thread(child::pumpStdout, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /** Runs {@code command} to completion within {@code timeout}; returns its stdout lines. */
    static List<String> run(String name, List<String> command, Path stderrLog, Duration timeout)
            throws IOException, InterruptedException {
        try (ChildProcess child = start(name, command, stderrLog)) {
            int exit = child.awaitExit(timeout);
            if (exit != 0) {
                throw new IOException(name + " exited with " + exit + " (see " + stderrLog + ")");
            }
            List<String> out = new ArrayList<>();
            String line;
            while ((line = child.nextLine(Duration.ofSeconds(5))) != null) {
                out.add(line);
            }
            return out;
        }
    }

    /**
     * Waits for the peer's {@code READY <port>} line and returns the port. Other lines before it
     * (a JVM's own start-up messages) are skipped.
     */
    int awaitReadyPort(Duration timeout) throws IOException, InterruptedException {
        String line = awaitLineStarting("READY ", timeout);
        if (line == null) {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                throw new IOException(name + " exited with " + process.exitValue() + " before READY: "
                        + lastLine(stderrLog));
            }
            throw new IOException(name + " did not report READY within " + timeout.toSeconds() + " s");
        }
        return Integer.parseInt(line.substring("READY ".length()).trim());
    }

    /**
     * Waits for the next stdout line that starts with {@code prefix}, skipping others.
     *
     * @return the line, or {@code null} if none came within {@code timeout} or output ended
     */
    String awaitLineStarting(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (line == null || line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Waits for the next stdout line that starts with {@code prefix}, like
     * {@link #awaitLineStarting}, and counts the lines skipped on the way (a JVM peer run with
     * {@code -XX:+PrintCompilation} prints one per JIT compilation).
     *
     * @param skipped receives the number of lines skipped, in element 0
     * @return the line, or {@code null} if none came within {@code timeout} or output ended
     */
    String awaitLineCounting(String prefix, Duration timeout, long[] skipped) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        skipped[0] = 0;
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (line == null || line.startsWith(prefix)) {
                return line;
            }
            skipped[0]++;
        }
    }

    /** Waits for the next stdout line; {@code null} if none comes in time or output ended. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return line == null || line.equals(END_OF_OUTPUT) ? null : line;
    }

    /** Waits for the process to exit; kills it and throws if it does not within {@code timeout}. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            close();
            throw new IOException(name + " did not finish within " + timeout.toSeconds() + " s; killed");
        }
        return process.exitValue();
    }

    /** Kills the process if it is still running and waits briefly for it to go. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
    }

    private void pumpStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("stdout read failed: " + e.getMessage());
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    /** The last line of a log, to say why a process ended; "" if there is none. */
    private static String lastLine(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            // Fall through: no reason to add.
        }
        return "";
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
