package io.udpkit.codec.struct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs the CPython named by system property {@code udpkit.python} (default {@code python3}). */
final class PythonProcess {

    private PythonProcess() {
    }

    static String executable() {
        return System.getProperty("udpkit.python", "python3");
    }

    /**
     * Skips the calling test, with a clear message, when python3 cannot be started; fails it
     * instead when system property {@code udpkit.requirePython} is {@code true}, as CI sets it, so
     * the interop tests cannot pass there by not running.
     */
    static void assumeAvailable() {
        boolean available;
        try {
            Process p = new ProcessBuilder(executable(), "--version").redirectErrorStream(true)
                    .start();
            available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            available = false;
        }
        if (!available && Boolean.getBoolean("udpkit.requirePython")) {
            Assertions.fail("CPython (" + executable() + ") does not run, and"
                    + " udpkit.requirePython=true: the interop tests must not be skipped");
        }
        Assumptions.assumeTrue(available, "CPython (" + executable()
                + ") is not installed; set -Dudpkit.python=... to run CPython conformance tests");
    }

    /**
     * Runs python with {@code args}, waits at most 120 s, and returns its stdout; fails on a
     * non-zero exit.
     */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python did not finish: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("python exited with " + p.exitValue() + ": " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
