package io.udpkit.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udpkit.testkit.PythonProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/nginx as shipped: two udp-server instances (this build's classes) behind a real nginx
 * stream-module UDP load balancer, a CPython client sending through it, every record checked
 * (by deploy/nginx/fleet-check.sh and again here from its summary). Skipped, with the reason,
 * where nginx with the stream module is not installed, unless {@code -Dudpkit.requireNginx=true}
 * (CI) makes that a failure.
 */
class NginxFleetTest {

    private static final Path SCRIPT = Path.of("..", "deploy", "nginx", "fleet-check.sh");
    private static final Pattern SUMMARY = Pattern.compile(
            "fleet-check\\.sh: instances: \\{\"records\": (\\d+), \"decoded\": \\[(\\d+), (\\d+)], "
                    + "\"checked_values\": (\\d+)}");

    @Test
    void everyRecordReachesOneOfTwoInstancesExactlyOnceThroughNginx() throws Exception {
        PythonProcess.assumePython();
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT.toAbsolutePath());
        Run check = run(60, "--check-nginx");
        if (check.exitCode == 3) {
            String reason = "nginx with the stream module is not installed; `sudo "
                    + "deploy/nginx/fleet-check.sh --install-nginx` installs it (" + check.output.strip() + ")";
            if (Boolean.getBoolean("udpkit.requireNginx")) {
                fail("-Dudpkit.requireNginx=true but " + reason);
            }
            assumeTrue(false, reason);
        }
        assertEquals(0, check.exitCode, check.output);

        Run fleet = run(240, "--server-cp", System.getProperty("java.class.path"),
                "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--python", System.getProperty("udpkit.python", "python3"),
                "--records", "600", "--senders", "12");
        assertEquals(0, fleet.exitCode, fleet.output);
        Matcher summary = SUMMARY.matcher(fleet.output);
        assertTrue(summary.find(), "summary line: " + fleet.output);
        long first = Long.parseLong(summary.group(2));
        long second = Long.parseLong(summary.group(3));
        assertEquals(600, Long.parseLong(summary.group(1)));
        assertEquals(600, Long.parseLong(summary.group(4)), "every printed record was checked");
        assertEquals(600, first + second, "each record decoded by exactly one instance: " + fleet.output);
        assertTrue(first > 0 && second > 0, "both instances got records: " + fleet.output);
        assertTrue(fleet.output.contains("fleet-check.sh: OK records=600"), fleet.output);
    }

    /** The script's exit code and its stdout and stderr, interleaved. */
    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private static Run run(long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("fleet-check", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                // SIGTERM lets the script stop what it started.
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                fail("fleet-check.sh still running after " + seconds + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
