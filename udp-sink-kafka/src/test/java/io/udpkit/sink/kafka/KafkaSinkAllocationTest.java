package io.udpkit.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.CodecRegistry;
import io.udpkit.core.Decoder;
import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkContext;
import io.udpkit.format.JsonValues;
import io.udpkit.sink.kafka.testing.KafkaBroker;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kafka sink allocates on the receive loop's thread per record, measured with the JVM's
 * per-thread allocation counter over a bounded number of captures (after a warm-up). With
 * {@code value=raw} the capture is the copy of the datagram and its small holder, nothing else;
 * with {@code value=json} it is the copy of the JSON document and the same holder: the document
 * is written into the loop's reusable buffer first.
 */
class KafkaSinkAllocationTest {

    private static final int RECORDS = 50_000;

    @Test
    void rawCaptureAllocatesTheCopyOfTheDatagramAndItsHolderOnly() {
        double perRecord = bytesPerCapture("value=raw,key=sender");
        // byte[22] (16-byte header, padded: 40) + the 32-byte holder; the sender text is cached.
        assertTrue(perRecord <= 80, "raw capture allocated " + perRecord + " B/record");
        System.out.println("kafka sink capture, '! I 2s Q 2h f', value=raw: " + perRecord + " B/record");
    }

    @Test
    void jsonCaptureAllocatesTheDocumentItWritesAndItsHolderOnly() {
        String document = JsonValues.record(new InetSocketAddress("127.0.0.1", 5555),
                List.of(1L, new byte[] {'a', 'b'}, 2L, 3L, 3L, 2.5));
        double perRecord = bytesPerCapture("value=json,key=sender");
        System.out.println("kafka sink capture, '! I 2s Q 2h f', value=json: " + perRecord
                + " B/record for a " + document.length() + "-byte document");
        // byte[document] (16-byte header, padded to 8) + the 32-byte holder.
        assertTrue(perRecord <= document.length() + 16 + 7 + 32,
                "json capture allocated " + perRecord + " B/record for a " + document.length()
                + "-byte document");
        double strict = bytesPerCapture("value=json-strict,key=sender");
        assertTrue(strict <= document.length() + 16 + 7 + 32, "json-strict capture allocated " + strict);
    }

    /**
     * The sink thread's share: {@code deliver} (the producer's {@code send}: the record, its
     * headers, Kafka's per-record bookkeeping; not the producer's own I/O thread), against a real
     * broker. Printed for the note. Our part (the {@code ProducerRecord} and its copy of the
     * headers; the headers themselves are made once per sender and millisecond, pinned by
     * {@code ProducerHeadersTest}) is about 120 B; the rest is kafka-clients' own, and varies from
     * run to run with how many records share a batch (854 and 993 B/record in two runs). Bounded
     * loosely, at 1,280 B, so that a per-record copy of the batch or a leak would show.
     */
    @Test
    void deliverAllocatesKafkasShareAndLittleMoreOnTheSinkThread(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            broker.createTopic("alloc");
            @SuppressWarnings("unchecked")
            Sink<Object> sink = (Sink<Object>) new KafkaSinkProvider().create("bootstrap="
                    + broker.bootstrap() + ",topic=alloc", SinkContext.of("struct"));
            sink.open();
            Decoder<?> decoder = CodecRegistry.installed().create("struct", "! I 2s Q 2h f").newDecoder();
            ByteBuffer payload = ByteBuffer.allocateDirect(22);
            payload.putInt(1).put((byte) 'a').put((byte) 'b').putLong(2).putShort((short) 3)
                    .putShort((short) 3).putFloat(2.5f).flip();
            InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5555);
            Object[] records = new Object[20_000];
            AtomicLong outcomes = new AtomicLong();
            DeliveryReceipt receipt = new DeliveryReceipt() {
                @Override
                public void delivered() {
                    outcomes.incrementAndGet();
                }

                @Override
                public void dropped(DropReason reason) {
                    outcomes.incrementAndGet();
                }

                @Override
                public void failed(Throwable cause) {
                    outcomes.incrementAndGet();
                }
            };
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            double perRecord = Double.NaN;
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < records.length; i++) {
                    records[i] = sink.capture(decoder.decode(payload), payload, sender, 1L);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (Object record : records) {
                    sink.deliver(record, receipt);
                }
                perRecord = (threads.getCurrentThreadAllocatedBytes() - before) / (double) records.length;
            }
            sink.close(Duration.ofSeconds(30));
            System.out.println("kafka sink deliver (sink thread), value=json: " + perRecord + " B/record");
            assertTrue(outcomes.get() == 4L * records.length, "every record settled: " + outcomes.get());
            assertTrue(perRecord < 1280, "deliver allocated " + perRecord + " B/record");
        }
    }

    private static double bytesPerCapture(String spec) {
        Decoder<?> decoder = CodecRegistry.installed().create("struct", "! I 2s Q 2h f").newDecoder();
        ByteBuffer payload = ByteBuffer.allocateDirect(22);
        payload.putInt(1).put((byte) 'a').put((byte) 'b').putLong(2).putShort((short) 3)
                .putShort((short) 3).putFloat(2.5f).flip();
        @SuppressWarnings("unchecked")
        Sink<Object> sink = (Sink<Object>) new KafkaSinkProvider()
                .create("bootstrap=127.0.0.1:9,topic=t," + spec, SinkContext.of("struct"));
        InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5555);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double perRecord = Double.NaN;
        for (int round = 0; round < 4; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < RECORDS; i++) {
                sink.capture(decoder.decode(payload), payload, sender, 1L);
            }
            perRecord = (threads.getCurrentThreadAllocatedBytes() - before) / (double) RECORDS;
        }
        return perRecord;
    }
}
