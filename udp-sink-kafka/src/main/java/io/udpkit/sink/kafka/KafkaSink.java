package io.udpkit.sink.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkException;
import io.udpkit.core.SinkRefusal;
import io.udpkit.core.SocketAddresses;
import io.udpkit.format.JsonDialect;
import io.udpkit.format.JsonDocumentWriter;
import io.udpkit.format.JsonValues;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces each captured value as one Kafka record: key and value from the spec, the arrival
 * time as the record's timestamp, and three headers, {@code sender} ({@code 127.0.0.1:5555}),
 * {@code arrival} (milliseconds since the epoch, decimal) and {@code codec} (as the server was
 * told, e.g. {@code struct '! I 2s Q 2h f'}), all UTF-8.
 *
 * <p>Memory is bounded twice: the {@link io.udpkit.core.SinkQueue} in front of it, and the
 * producer's {@code buffer.memory}. When the broker is slow or gone, {@code send} waits at most
 * {@code max.block.ms} (50 ms by default, not Kafka's 60 s) for metadata or buffer space; then
 * the record is dropped ({@code queueFull}, when the buffer is full) or failed (no metadata),
 * and counted, while the sink's queue absorbs, then drops, what the loop offers meanwhile. The
 * producer is idempotent with {@code acks=all} (the default): retries after a broker restart do
 * not duplicate records. {@link #flush()} does nothing: the producer sends on its own schedule
 * ({@code linger.ms}); {@link #close(Duration)} waits for outstanding records up to the deadline,
 * and those still open then are left unconfirmed rather than counted as failed.
 */
final class KafkaSink implements Sink<KafkaSink.Captured> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    /** What Kafka says when {@code close} gives up on outstanding batches. */
    private static final String FORCED_CLOSE = "Producer is closed forcefully";

    /** One value, copied out of the loop: what a record is made of. */
    static final class Captured {
        final byte[] key;
        final byte[] value;
        final byte[] sender;
        final long arrivalMillis;

        Captured(byte[] key, byte[] value, byte[] sender, long arrivalMillis) {
            this.key = key;
            this.value = value;
            this.sender = sender;
            this.arrivalMillis = arrivalMillis;
        }
    }

    private final KafkaSinkSpec spec;

    /**
     * Each receive loop's own JSON writer: {@code capture} runs on every loop's thread, and a
     * writer reuses its buffer, so the document's copy is all a JSON record allocates there.
     */
    private final ThreadLocal<JsonDocumentWriter> json;

    /**
     * The last sender and its text, as most traffic comes from few senders: one immutable pair
     * in one field, so that loops on several threads never see a sender with another's text.
     */
    private volatile SenderText lastSender = new SenderText(null, new byte[0]);

    /** Sink thread only. */
    private KafkaProducer<byte[], byte[]> producer;
    private DeliveryReceipt callbackReceipt;
    private Callback callback;
    private final ProducerHeaders headers;

    private volatile boolean closing;

    KafkaSink(KafkaSinkSpec spec, String codec) {
        this.spec = spec;
        this.headers = new ProducerHeaders(codec.getBytes(UTF_8));
        JsonDialect dialect = spec.value == KafkaSinkSpec.ValueChoice.JSON_STRICT
                ? JsonDialect.STRICT : JsonDialect.PYTHON;
        this.json = ThreadLocal.withInitial(() -> new JsonDocumentWriter(dialect));
    }

    @Override
    public void open() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, spec.bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "udpkit-sink-kafka");
        config.put(ProducerConfig.ACKS_CONFIG, spec.acks);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, spec.acks.equals("all"));
        config.put(ProducerConfig.LINGER_MS_CONFIG, spec.lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, spec.batchSize);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, spec.bufferMemory);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, spec.maxBlockMs);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, spec.compression);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        long requestTimeout = Math.min(30_000, spec.deliveryTimeoutMs - spec.lingerMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) spec.deliveryTimeoutMs);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try {
            producer = new KafkaProducer<>(config);
        } catch (KafkaException e) {
            throw new SinkException("kafka sink: cannot start a producer for " + spec.bootstrap + ": "
                    + rootMessage(e), e);
        }
        awaitMetadata();
    }

    /**
     * Asks for the topic's metadata until it comes or {@code open.timeout.ms} passes, so that the
     * first records do not fail while the producer is still connecting, and so that a wrong
     * bootstrap address is one clear line rather than a failure per record.
     */
    private void awaitMetadata() {
        long until = System.nanoTime() + spec.openTimeoutMs * 1_000_000L;
        KafkaException last = null;
        do {
            try {
                producer.partitionsFor(spec.topic);
                LOG.info("kafka sink: producing to topic {} at {}", spec.topic, spec.bootstrap);
                return;
            } catch (KafkaException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() - until < 0);
        LOG.warn("kafka sink: no broker at {} answered for topic {} within {} ms ({}); records are "
                + "dropped or failed and counted until one does", spec.bootstrap, spec.topic,
                spec.openTimeoutMs, last == null ? "no attempt" : rootMessage(last));
    }

    @Override
    public Captured capture(Object value, ByteBuffer payload, InetSocketAddress sender,
            long arrivalMillis) {
        byte[] senderBytes = senderBytes(sender);
        byte[] key;
        switch (spec.key) {
            case SENDER:
                key = senderBytes;
                break;
            case FIELD:
                key = fieldKey(value);
                break;
            case NONE:
            default:
                key = null;
                break;
        }
        byte[] document;
        if (spec.value == KafkaSinkSpec.ValueChoice.RAW) {
            document = new byte[payload.remaining()];
            payload.get(payload.position(), document);
        } else {
            document = json.get().record(sender, value).toByteArray();
        }
        return new Captured(key, document, senderBytes, arrivalMillis);
    }

    private byte[] senderBytes(InetSocketAddress sender) {
        SenderText last = lastSender;
        if (!sender.equals(last.address)) {
            last = new SenderText(sender, SocketAddresses.format(sender).getBytes(UTF_8));
            lastSender = last;
        }
        return last.text;
    }

    /** A sender and its {@code host:port} text. */
    private static final class SenderText {
        final InetSocketAddress address;
        final byte[] text;

        SenderText(InetSocketAddress address, byte[] text) {
            this.address = address;
            this.text = text;
        }
    }

    private byte[] fieldKey(Object value) {
        int size;
        if (value instanceof StructReader) {
            size = ((StructReader) value).size();
        } else if (value instanceof List) {
            size = ((List<?>) value).size();
        } else {
            throw new SinkRefusal(DropReason.REFUSED, "key=field:" + spec.keyField
                    + " needs a record of fields (a struct value), got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        if (spec.keyField >= size) {
            throw new SinkRefusal(DropReason.REFUSED, "key=field:" + spec.keyField
                    + " is missing: the record has " + size + " fields");
        }
        Object field = value instanceof StructReader
                ? ((StructReader) value).get(spec.keyField)
                : ((List<?>) value).get(spec.keyField);
        if (field instanceof byte[]) {
            return ((byte[]) field).clone();
        }
        if (field instanceof String) {
            return ((String) field).getBytes(UTF_8);
        }
        // Python's dialect whatever the value's, as keys always were.
        return JsonValues.value(field).getBytes(UTF_8);
    }

    @Override
    public long recordBytes(Captured record) {
        // The arrays and the object headers around them, roughly.
        return (record.key == null ? 0 : record.key.length) + record.value.length + 64;
    }

    @Override
    public void deliver(Captured record, DeliveryReceipt receipt) {
        ProducerHeaders current = headers.forRecord(record.sender, record.arrivalMillis);
        producer.send(new ProducerRecord<>(spec.topic, null, current.timestamp(), record.key,
                record.value, current.headers()), callback(receipt));
    }

    /** One callback for every record: the receipt is the queue's, the same for each. */
    private Callback callback(DeliveryReceipt receipt) {
        if (receipt != callbackReceipt) {
            callbackReceipt = receipt;
            callback = (metadata, error) -> {
                if (error == null) {
                    receipt.delivered();
                } else if (error instanceof BufferExhaustedException) {
                    receipt.dropped(DropReason.QUEUE_FULL);
                } else if (error instanceof RecordTooLargeException) {
                    receipt.dropped(DropReason.TOO_LARGE);
                } else if (closing && String.valueOf(error.getMessage()).startsWith(FORCED_CLOSE)) {
                    // Given up at the close deadline: it may yet be in the log. Unconfirmed.
                    return;
                } else {
                    receipt.failed(error);
                }
            };
        }
        return callback;
    }

    @Override
    public void flush() {
        // The producer sends on linger.ms; producer.flush() would wait for every ack.
    }

    @Override
    public void close(Duration deadline) {
        closing = true;
        if (producer != null) {
            producer.close(deadline);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        return root == e ? message : e.getMessage() + ": " + message;
    }
}
