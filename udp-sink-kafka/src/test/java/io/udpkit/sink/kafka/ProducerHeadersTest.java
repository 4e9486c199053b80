package io.udpkit.sink.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/**
 * The kafka sink's headers are made once per sender and arrival millisecond, not per record: the
 * sink thread's share of {@code deliver} that is ours, measured without kafka-clients' own.
 */
class ProducerHeadersTest {

    private final byte[] sender = "127.0.0.1:5555".getBytes(UTF_8);

    @Test
    void recordsOfOneSenderAndMillisecondShareTheirHeaders() {
        ProducerHeaders headers = new ProducerHeaders("struct '! I 2s Q 2h f'".getBytes(UTF_8));
        RecordHeaders first = headers.forRecord(sender, 1_700_000_000_123L).headers();
        assertSame(first, headers.forRecord(sender, 1_700_000_000_123L).headers());
        assertEquals(1_700_000_000_123L, headers.timestamp());
        Header[] all = first.toArray();
        assertEquals(3, all.length);
        assertEquals("sender", all[0].key());
        assertArrayEquals(sender, all[0].value());
        assertEquals("arrival", all[1].key());
        assertArrayEquals("1700000000123".getBytes(UTF_8), all[1].value());
        assertEquals("codec", all[2].key());
        assertArrayEquals("struct '! I 2s Q 2h f'".getBytes(UTF_8), all[2].value());

        RecordHeaders nextMilli = headers.forRecord(sender, 1_700_000_000_124L).headers();
        assertNotSame(first, nextMilli);
        assertArrayEquals("1700000000124".getBytes(UTF_8), nextMilli.lastHeader("arrival").value());
        byte[] other = "[::1]:9".getBytes(UTF_8);
        assertArrayEquals(other, headers.forRecord(other, 1_700_000_000_124L).headers()
                .lastHeader("sender").value());
    }

    @Test
    void sameSenderAndMillisecondAllocateNothing() {
        ProducerHeaders headers = new ProducerHeaders("struct".getBytes(UTF_8));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double perRecord = Double.NaN;
        for (int round = 0; round < 4; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            long sum = 0;
            for (int i = 0; i < 100_000; i++) {
                // 50 records a millisecond, as at 50,000 records/s.
                sum += headers.forRecord(sender, 1_700_000_000_000L + i / 50).timestamp();
            }
            perRecord = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000.0;
            assertTrue(sum > 0);
        }
        // Per millisecond: the arrival text and header, the header list, a boxed Long (~250 B).
        assertTrue(perRecord < 8, "headers allocated " + perRecord + " B/record");
    }
}
