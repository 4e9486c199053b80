package io.udpkit.server.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udpkit.sink.kafka.testing.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nginx end to end into Kafka: a CPython client packs records with {@code struct} and
 * sends them through a real nginx (stream module, UDP) to two udp-server instances (this
 * build's classes) whose kafka sink writes to a real KRaft broker; the topic must then hold
 * every record exactly once, with the values CPython packed, and both instances must have
 * decoded and delivered some. Skipped, with the reason, where nginx with the stream module is
 * not installed, unless {@code -Dudpkit.requireNginx=true} (CI).
 */
class NginxKafkaFleetTest {

    private static final Path NGINX = Path.of("..", "deploy", "nginx");
    private static final String PYTHON = System.getProperty("udpkit.python", "python3");
    private static final int RECORDS = 600;

    @TempDir
    Path dir;

    @Test
    void everyRecordReachesKafkaExactlyOnceFromBothInstancesThroughNginx() throws Exception {
        assumeTrue(run(30, List.of(PYTHON, "-c", "import struct, json, socket")).exitCode == 0,
                "CPython '" + PYTHON + "' is not available (set -Dudpkit.python=...)");
        Run check = script(60, "--check-nginx");
        if (check.exitCode == 3) {
            String reason = "nginx with the stream module is not installed; `sudo "
                    + "deploy/nginx/fleet-check.sh --install-nginx` installs it (" + check.output.strip() + ")";
            if (Boolean.getBoolean("udpkit.requireNginx")) {
                fail("-Dudpkit.requireNginx=true but " + reason);
            }
            assumeTrue(false, reason);
        }
        assertEquals(0, check.exitCode, check.output);

        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("broker"))) {
            broker.createTopic("fleet");
            Path work = dir.resolve("fleet");
            Run fleet = script(300, "--kafka", broker.bootstrap(), "--topic", "fleet",
                    "--workdir", work.toString(),
                    "--server-cp", System.getProperty("java.class.path"),
                    "--java", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--python", PYTHON, "--records", Integer.toString(RECORDS), "--senders", "12");
            assertEquals(0, fleet.exitCode, fleet.output);

            List<ConsumerRecord<byte[], byte[]>> records =
                    broker.readAll("fleet", RECORDS, Duration.ofSeconds(60));
            assertEquals(RECORDS, records.size(), "records in the topic");
            Path values = work.resolve("topic-values.jsonl");
            Files.write(values, records.stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .collect(Collectors.toList()), StandardCharsets.UTF_8);

            // Exactly once, values as CPython packed them, both instances decoded some and each
            // instance's kafka sink delivered everything it decoded.
            Run verify = run(60, List.of(PYTHON, NGINX.resolve("fleet_client.py").toString(),
                    "verify", "--records", Integer.toString(RECORDS), "--json", values.toString(),
                    "--stats", work.resolve("instance1.err").toString(),
                    work.resolve("instance2.err").toString(), "--sink", "kafka"));
            assertEquals(0, verify.exitCode, verify.output);
            assertTrue(verify.output.contains("\"checked_values\": " + RECORDS), verify.output);
        }
    }

    /** A command's exit code and its stdout and stderr, interleaved. */
    private static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private static Run script(long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", NGINX.resolve("fleet-check.sh").toString()));
        command.addAll(List.of(args));
        return run(seconds, command);
    }

    private static Run run(long seconds, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("fleet", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                return new Run(127, e.getMessage());
            }
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                // SIGTERM lets the script stop what it started.
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
                fail(command.get(0) + " still running after " + seconds + " s: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
