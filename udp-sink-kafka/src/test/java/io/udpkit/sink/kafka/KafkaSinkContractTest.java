package io.udpkit.sink.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkContext;
import io.udpkit.testkit.SinkContract;
import io.udpkit.sink.kafka.testing.KafkaBroker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink contract against a real broker (one per class), plus what is Kafka's own: the key,
 * the headers and the timestamp of each record.
 */
class KafkaSinkContractTest extends SinkContract {

    private static final String FORMAT = "<Q2sd";
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static Path dir;
    private static KafkaBroker broker;

    private String topic;
    private KafkaConsumer<byte[], byte[]> consumer;
    private final List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("udpkit-kafka-contract");
        broker = KafkaBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Override
    protected Sink<?> newSink() {
        closeConsumer();
        seen.clear();
        topic = "contract-" + TOPICS.incrementAndGet();
        broker.createTopic(topic);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return new KafkaSinkProvider().create("bootstrap=" + broker.bootstrap() + ",topic=" + topic
                + ",linger.ms=1", SinkContext.of("struct '" + FORMAT + "'"));
    }

    @Override
    protected Codec<?> codec() {
        return CodecRegistry.installed().create("struct", FORMAT);
    }

    @Override
    protected List<byte[]> payloads() {
        return List.of(record(-1L, "ab", Double.NaN), record(7, "\0\u00ff", -0.0),
                record(Long.MIN_VALUE, "zz", Double.NEGATIVE_INFINITY));
    }

    @Override
    protected List<String> destinationRecords() {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        List<String> texts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : seen) {
            texts.add(new String(record.value(), UTF_8));
        }
        return texts;
    }

    @Test
    void recordsCarryTheSenderKeyTheArrivalTimestampAndThreeHeaders() throws Exception {
        deliversEveryValueExactlyOnceAndCountsIt();
        assertEquals(6, seen.size());
        ConsumerRecord<byte[], byte[]> first = seen.get(0);
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"values\":[18446744073709551615,\"ab\",NaN]}",
                new String(first.value(), UTF_8));
        assertEquals("127.0.0.1:5555", new String(first.key(), UTF_8));
        assertEquals(ARRIVAL_MILLIS, first.timestamp());
        assertEquals("127.0.0.1:5555", header(first, "sender"));
        assertEquals(Long.toString(ARRIVAL_MILLIS), header(first, "arrival"));
        assertEquals("struct '<Q2sd'", header(first, "codec"));
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"values\":[7,\"\\u0000\\u00ff\",-0.0]}",
                new String(seen.get(1).value(), UTF_8));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    private static byte[] record(long u64, String twoBytes, double d) {
        ByteBuffer buffer = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(u64).put(twoBytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putDouble(d);
        return buffer.array();
    }
}
