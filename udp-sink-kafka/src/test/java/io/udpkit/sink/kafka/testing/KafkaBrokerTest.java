package io.udpkit.sink.kafka.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness starts a real broker that keeps its data across a restart. */
class KafkaBrokerTest {

    @TempDir
    Path dir;

    @Test
    void brokerStoresRecordsAndKeepsThemAcrossARestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            broker.createTopic("t");
            send(broker, "one");
            broker.restart();
            send(broker, "two");
            List<ConsumerRecord<byte[], byte[]>> records = broker.readAll("t", 2, Duration.ofSeconds(30));
            assertEquals(List.of("one", "two"), records.stream()
                    .map(r -> new String(r.value(), UTF_8)).collect(java.util.stream.Collectors.toList()));
        }
    }

    private static void send(KafkaBroker broker, String value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("t", value.getBytes(UTF_8))).get();
        }
    }
}
