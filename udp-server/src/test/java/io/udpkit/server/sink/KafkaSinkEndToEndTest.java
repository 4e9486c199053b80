package io.udpkit.server.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.testkit.PythonProcess;
import io.udpkit.sink.kafka.testing.KafkaBroker;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CPython sender → {@code udp-server --sink kafka} (its own JVM) → a real broker → a
 * {@code kafka-clients} consumer; then the faults: the broker stopped mid-stream and restarted,
 * and a bootstrap address where no broker listens. One broker for the class.
 */
class KafkaSinkEndToEndTest {

    private static final String FORMAT = "<Qd4si";
    private static Path dir;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("udpkit-kafka-e2e");
        broker = KafkaBroker.start(dir.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** One run of kafka_sender.py: each record's packed hex and its values as Python's json writes them. */
    private record Sent(List<String> hex, List<String> values, JsonNode summary) {
    }

    private static Sent send(int port, int count, int seed) throws Exception {
        PythonProcess python = PythonProcess.start("kafka_sender.py", Integer.toString(port),
                Integer.toString(count), Integer.toString(seed));
        assertEquals(0, python.waitFor(120), python.stderr());
        List<String> lines = python.stdout().lines().collect(Collectors.toList());
        String last = lines.remove(lines.size() - 1);
        assertTrue(last.startsWith("# "), last);
        return new Sent(lines.stream().map(l -> l.split("\t", 2)[0]).collect(Collectors.toList()),
                lines.stream().map(l -> l.split("\t", 2)[1]).collect(Collectors.toList()),
                new ObjectMapper().readTree(last.substring(2)));
    }

    /** The {@code values} array of a JSON document, as text: NaN and Infinity are not strict JSON. */
    private static String valuesOf(byte[] document) {
        String text = new String(document, UTF_8);
        int start = text.indexOf("\"values\":") + "\"values\":".length();
        return text.substring(start, text.length() - 1);
    }

    @Test
    void everyRecordCpythonPackedArrivesOnceWithItsValuesAsJsonAndAsRawBytes() throws Exception {
        PythonProcess.assumePython();
        broker.createTopic("json-records");
        broker.createTopic("raw-records");
        List<String> stderr;
        Sent sent;
        try (ServerProcess server = ServerProcess.start(dir, "--format", FORMAT,
                "--sink", "kafka", "--sink-spec", "bootstrap=" + broker.bootstrap() + ",topic=json-records",
                "--sink", "kafka", "--sink-spec", "bootstrap=" + broker.bootstrap()
                        + ",topic=raw-records,value=raw,key=field:0")) {
            sent = send(server.port(), 500, 1);
            stderr = server.stop();
        }
        assertEquals(500, sent.summary().get("echoed").asInt(), sent.summary().toString());
        JsonNode stats = ServerProcess.stats(stderr);
        assertEquals(500, stats.get("decoded").asLong(), stats.toString());
        for (JsonNode sink : stats.get("sinks")) {
            assertEquals(500, sink.get("delivered").asLong(), sink.toString());
        }
        assertEquals(List.of("kafka", "kafka-2"), names(stats));

        List<ConsumerRecord<byte[], byte[]>> json = broker.readAll("json-records", 500, Duration.ofSeconds(60));
        List<String> jsonValues = json.stream().map(r -> valuesOf(r.value())).collect(Collectors.toList());
        assertEquals(500, jsonValues.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(sent.values().get(i), jsonValues.get(i), "record " + i);
        }
        assertTrue(sent.values().stream().anyMatch(v -> v.startsWith("[18446744073709551615,")));
        assertTrue(sent.values().stream().anyMatch(v -> v.contains(",NaN,")));
        assertTrue(sent.values().stream().anyMatch(v -> v.contains(",-Infinity,")));
        assertTrue(sent.values().stream().anyMatch(v -> v.contains("\\u0000\\u00ff")));

        List<ConsumerRecord<byte[], byte[]>> raw = broker.readAll("raw-records", 500, Duration.ofSeconds(60));
        assertEquals(500, raw.size());
        for (int i = 0; i < 500; i++) {
            assertEquals(sent.hex().get(i), HexFormat.of().formatHex(raw.get(i).value()), "record " + i);
        }
        for (int i = 0; i < raw.size(); i++) {
            String u64 = sent.values().get(i).substring(1, sent.values().get(i).indexOf(','));
            assertEquals(u64, new String(raw.get(i).key(), UTF_8), "key = field 0 of record " + i);
            assertEquals("struct '" + FORMAT + "'", new String(raw.get(i).headers().lastHeader("codec").value(), UTF_8));
        }
    }

    @Test
    void brokerStoppedMidStreamAndRestartedLosesNothingUncountedAndEchoNeverStops() throws Exception {
        PythonProcess.assumePython();
        broker.createTopic("outage");
        List<String> stderr;
        Sent before;
        Sent during;
        Sent after;
        try (ServerProcess server = ServerProcess.start(dir, "--format", FORMAT, "--sink-queue", "500",
                "--stats-interval", "0.2", "--sink", "kafka", "--sink-spec", "bootstrap=" + broker.bootstrap()
                        + ",topic=outage,buffer.memory=65536,linger.ms=5,max.block.ms=500")) {
            before = send(server.port(), 200, 2);
            // Let these reach the broker; what is in flight when it goes is counted, not lost.
            server.awaitSinksSettled(200);
            broker.stop();
            during = send(server.port(), 3000, 3);
            broker.restart();
            // Until the sink has worked off what it holds, new values find its queue full.
            server.awaitSinksSettled(3200);
            after = send(server.port(), 200, 4);
            stderr = server.stop();
        }
        // The server answered every datagram while the broker was gone.
        assertEquals(200, before.summary().get("echoed").asInt());
        assertEquals(3000, during.summary().get("echoed").asInt(), during.summary().toString());
        assertEquals(200, after.summary().get("echoed").asInt());

        JsonNode stats = ServerProcess.stats(stderr);
        JsonNode sink = stats.get("sinks").get(0);
        // For the record (the note quotes it): the counts and the slowest echo while the broker was gone.
        System.out.println("outage: " + sink + " echo during the outage: " + during.summary());
        long decoded = stats.get("decoded").asLong();
        assertEquals(3400, decoded, stats.toString());
        long dropped = 0;
        for (JsonNode reason : sink.get("dropped")) {
            dropped += reason.asLong();
        }
        long delivered = sink.get("delivered").asLong();
        assertEquals(decoded, delivered + dropped + sink.get("failed").asLong(), sink.toString());
        assertEquals(0, sink.get("unconfirmed").asLong(), sink.toString());
        // The bounds (a 500-record queue, a 64 KiB producer buffer, a 64 MiB heap) held by dropping.
        assertTrue(dropped > 0, sink.toString());

        List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("outage", (int) delivered,
                Duration.ofSeconds(60));
        assertEquals(delivered, records.size(), "the topic holds exactly the delivered records");
        List<String> values = records.stream().map(r -> valuesOf(r.value())).collect(Collectors.toList());
        assertInOrder(before.values(), values, "before the outage");
        // After the restart delivery resumes, in order. Not necessarily every record, before or
        // after: on a busy machine a send can wait out max.block.ms for metadata and fail, which
        // is counted above.
        assertInOrder(after.values(), values, "after the restart");
        assertTrue(delivered > 400, "records held during the outage were delivered after it: " + sink);
    }

    /** The phase's records that reached the topic are there in the order sent, and some did. */
    private static void assertInOrder(List<String> sent, List<String> topic, String phase) {
        java.util.Set<String> phaseValues = new java.util.HashSet<>(sent);
        List<String> arrived = topic.stream().filter(phaseValues::contains).collect(Collectors.toList());
        assertFalse(arrived.isEmpty(), "nothing delivered " + phase);
        assertTrue(arrived.size() * 2 >= sent.size(), "most records delivered " + phase + ": "
                + arrived.size() + " of " + sent.size());
        List<String> expected = sent.stream().filter(arrived::contains).collect(Collectors.toList());
        assertTrue(expected.equals(arrived), phase + ", in order: " + firstDifference(expected, arrived));
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "at " + i + ": expected " + expected.get(i) + " got " + actual.get(i)
                        + " (expected it at " + actual.indexOf(expected.get(i)) + ")";
            }
        }
        return "sizes " + expected.size() + " and " + actual.size();
    }

    @Test
    void aBootstrapWithoutABrokerIsOneClearLineAndEveryRecordIsCounted() throws Exception {
        PythonProcess.assumePython();
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        List<String> stderr;
        Sent sent;
        try (ServerProcess server = ServerProcess.start(dir, "--format", FORMAT, "--sink", "kafka",
                "--sink-spec", "bootstrap=127.0.0.1:" + closed + ",topic=nowhere,open.timeout.ms=1000")) {
            sent = send(server.port(), 50, 5);
            Thread.sleep(1500);
            stderr = server.stop();
        }
        assertEquals(50, sent.summary().get("echoed").asInt());
        List<String> mentions = stderr.stream().filter(l -> l.contains("no broker at 127.0.0.1:" + closed))
                .collect(Collectors.toList());
        assertEquals(1, mentions.size(), String.join("\n", stderr));
        assertFalse(stderr.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                "no stack traces: " + String.join("\n", stderr));
        assertTrue(stderr.size() < 12, "a handful of lines, not one per record: " + String.join("\n", stderr));
        JsonNode sink = ServerProcess.stats(stderr).get("sinks").get(0);
        assertEquals(0, sink.get("delivered").asLong(), sink.toString());
        assertEquals(50, sink.get("failed").asLong() + sink.get("dropped").get("queueFull").asLong()
                + sink.get("unconfirmed").asLong(), sink.toString());
    }

    private static List<String> names(JsonNode stats) {
        List<String> names = new java.util.ArrayList<>();
        stats.get("sinks").forEach(s -> names.add(s.get("sink").asText()));
        return names;
    }
}
