import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Prints how many records a topic holds (sum of end offsets over its partitions), for
 * kafka-throughput.sh. Run as a single-file program: java -cp KAFKA_CLASSPATH TopicCount.java
 * BOOTSTRAP TOPIC.
 */
public final class TopicCount {
    public static void main(String[] args) {
        Map<String, Object> config = Map.of("bootstrap.servers", args[0],
                "key.deserializer", ByteArrayDeserializer.class,
                "value.deserializer", ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1]).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            long total = 0;
            for (long end : consumer.endOffsets(partitions).values()) {
                total += end;
            }
            System.out.println(total);
        }
    }
}
