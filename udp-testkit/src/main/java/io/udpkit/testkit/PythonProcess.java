package io.udpkit.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CPython peers in src/test/python. The interpreter comes from the system property
 * {@code udpkit.python} (default {@code python3}); tests that need it are skipped, with a message,
 * when it is absent, unless {@code udpkit.requirePython} is {@code true} (CI), which fails them.
 */
public final class PythonProcess {

    private static final String PYTHON = System.getProperty("udpkit.python", "python3");
    private static final Path SCRIPTS = Path.of("src", "test", "python");

    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> stdout;
    private final CompletableFuture<String> stderr;

    private PythonProcess(Process process) {
        this.process = process;
        this.stdout = drain(process.getInputStream(), stdoutLines);
        this.stderr = drain(process.getErrorStream(), new LinkedBlockingQueue<>());
    }

    private static Boolean available;

    /**
     * Skips the calling test unless the interpreter runs (probed once per test JVM); fails it
     * instead when system property {@code udpkit.requirePython} is {@code true}, as CI sets it.
     */
    public static synchronized void assumePython() {
        if (available == null) {
            available = probe();
        }
        if (!available && Boolean.getBoolean("udpkit.requirePython")) {
            fail("CPython '" + PYTHON + "' does not run, and udpkit.requirePython=true: the"
                    + " interop tests must not be skipped");
        }
        assumeTrue(available, "CPython '" + PYTHON + "' is not available (set -Dudpkit.python=...)");
    }

    private static boolean probe() {
        boolean runs;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import struct, json, socket")
                    .redirectErrorStream(true).start();
            runs = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
            if (probe.isAlive()) {
                probe.destroyForcibly();
            }
        } catch (IOException e) {
            runs = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs = false;
        }
        return runs;
    }

    /**
     * Starts {@code script}, a file in the module's {@code src/test/python}, with arguments;
     * skips the calling test when CPython or the script is missing.
     *
     * @param script the script's file name
     * @param args   its command-line arguments
     * @return the running process, its output read as it comes
     * @throws IOException if the process cannot be started
     */
    public static PythonProcess start(String script, String... args) throws IOException {
        assumePython();
        Path file = SCRIPTS.resolve(script);
        assumeTrue(Files.isRegularFile(file), "missing " + file.toAbsolutePath());
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.add("-u");
        command.add(file.toString());
        command.addAll(List.of(args));
        return new PythonProcess(new ProcessBuilder(command).start());
    }

    /**
     * Runs {@code script} with {@code input} on stdin, for at most 60 s, and returns its stdout.
     *
     * @param script the script's file name in {@code src/test/python}
     * @param input  what to write to its stdin (UTF-8)
     * @param args   its command-line arguments
     * @return everything it wrote to stdout
     * @throws AssertionError if it exits non-zero (with its stderr) or runs too long
     * @throws Exception      if it cannot be started or the wait is interrupted
     */
    public static String run(String script, String input, String... args) throws Exception {
        PythonProcess python = start(script, args);
        try (OutputStream in = python.process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        int code = python.waitFor(60);
        if (code != 0) {
            throw new AssertionError(script + " exited " + code + ": " + python.stderr());
        }
        return python.stdout();
    }

    /**
     * Waits at most {@code seconds} for the process to exit, killing it after that.
     *
     * @param seconds how long to wait
     * @return the exit code
     * @throws AssertionError       if it was still running (it is killed)
     * @throws InterruptedException if the wait is interrupted
     */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("python peer still running after " + seconds + " s; stderr: "
                    + stderr.getNow(""));
        }
        return process.exitValue();
    }

    /**
     * The next line the process writes to stdout, waiting at most {@code seconds}.
     *
     * @param seconds how long to wait
     * @return the line, without its terminator
     * @throws AssertionError       if no line came in time
     * @throws InterruptedException if the wait is interrupted
     */
    public String nextLine(long seconds) throws InterruptedException {
        String line = stdoutLines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no stdout line from python within " + seconds + " s; stderr: "
                    + stderr.getNow("(still running)"));
        }
        return line;
    }

    /**
     * Everything the process wrote to stdout; call after it exited.
     *
     * @return the output, lines ending in {@code \n}
     */
    public String stdout() {
        return stdout.join();
    }

    /**
     * Everything the process wrote to stderr; call after it exited.
     *
     * @return the output, lines ending in {@code \n}
     */
    public String stderr() {
        return stderr.join();
    }

    /** Kills the process if it still runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** One thread per stream: the common pool may have a single thread on a small machine. */
    private static CompletableFuture<String> drain(InputStream stream, BlockingQueue<String> lines) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder all = new StringBuilder();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    all.append(line).append('\n');
                    lines.add(line);
                }
                text.complete(all.toString());
            } catch (IOException e) {
                text.complete(all + "<unreadable: " + e.getMessage() + ">");
            }
        }, "python-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
