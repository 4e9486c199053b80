package io.udpkit.sink.kafka;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.CodecRegistry;
import io.udpkit.core.Decoder;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkContext;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * What the kafka sink allocates on the receive loop's thread per record, measured with the JVM's
 * per-thread allocation counter over a bounded number of captures (after a warm-up). With
 * {@code value=raw} the capture is the copy of the datagram and its small holder, nothing else.
 * The figures for {@code value=json} (the shared JSON formatter's cost) are printed for the note.
 */
class KafkaSinkAllocationTest {

    private static final int RECORDS = 50_000;

    @Test
    void rawCaptureAllocatesTheCopyOfTheDatagramAndItsHolderOnly() {
        double perRecord = bytesPerCapture("value=raw,key=sender");
        // byte[22] (16-byte header, padded: 40) + the 32-byte holder; the sender text is cached.
        assertTrue(perRecord <= 80, "raw capture allocated " + perRecord + " B/record");
        System.out.println("kafka sink capture, '! I 2s Q 2h f', value=raw: " + perRecord + " B/record");
        System.out.println("kafka sink capture, '! I 2s Q 2h f', value=json: "
                + bytesPerCapture("value=json,key=sender") + " B/record");
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
