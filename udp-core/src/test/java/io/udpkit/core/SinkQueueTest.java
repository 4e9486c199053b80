package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.testing.CapturedLog;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded queue between the receive loop and a sink: policy, accounting, lifecycle. */
class SinkQueueTest {

    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 4444);
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** A sink whose deliver waits on a latch: a destination that is slow or gone. */
    private static class StuckSink implements Sink<byte[]> {
        final CountDownLatch release = new CountDownLatch(1);
        final boolean confirms;

        StuckSink(boolean confirms) {
            this.confirms = confirms;
        }

        @Override
        public void open() {
        }

        @Override
        public byte[] capture(Object value, ByteBuffer payload, InetSocketAddress sender,
                long arrivalMillis) {
            return new byte[(Integer) value];
        }

        @Override
        public long recordBytes(byte[] record) {
            return record.length;
        }

        @Override
        public void deliver(byte[] record, DeliveryReceipt receipt) throws InterruptedException {
            release.await();
            if (confirms) {
                receipt.delivered();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close(Duration deadline) {
        }
    }

    @Test
    void aStuckSinkNeverBlocksTheOfferingThreadAndDropsTheNewest() {
        StuckSink sink = new StuckSink(true);
        SinkQueue<byte[]> queue = SinkQueue.start("stuck", sink, 100, 1 << 20);
        try (CapturedLog log = CapturedLog.of(SinkQueue.class)) {
            for (int i = 0; i < 10_000; i++) {
                queue.offer(8, NO_BYTES, SENDER, 0);
            }
            SinkStats stats = queue.stats();
            assertEquals(10_000, stats.accepted());
            // At most the capacity waits, plus the one the sink thread holds.
            assertTrue(stats.dropped(DropReason.QUEUE_FULL) >= 10_000 - 101, stats.toJson());
            assertEquals(1, log.messages(Level.WARN).size(), log.messages(Level.WARN).toString());
            assertTrue(log.messages(Level.WARN).get(0).contains("queueFull"));
        }
        sink.release.countDown();
        SinkStats last = queue.close(Duration.ofSeconds(10));
        assertEquals(0, last.unconfirmed(), last.toJson());
        assertEquals(10_000, last.delivered() + last.dropped(), last.toJson());
    }

    @Test
    void theByteBoundDropsBeforeTheCountBound() {
        StuckSink sink = new StuckSink(true);
        SinkQueue<byte[]> queue = SinkQueue.start("bytes", sink, 1000, 10_000);
        for (int i = 0; i < 100; i++) {
            queue.offer(1000, NO_BYTES, SENDER, 0);
        }
        SinkStats stats = queue.stats();
        // 10 records of 1000 bytes fit (one more may be out of the queue, in the sink's hands).
        assertTrue(stats.dropped(DropReason.QUEUE_FULL) >= 89, stats.toJson());
        sink.release.countDown();
        queue.close(Duration.ofSeconds(10));
    }

    @Test
    void recordsNotConfirmedByTheDeadlineAreReportedUnconfirmed() {
        StuckSink sink = new StuckSink(false);
        SinkQueue<byte[]> queue = SinkQueue.start("dead", sink, 100, 1 << 20);
        for (int i = 0; i < 5; i++) {
            queue.offer(1, NO_BYTES, SENDER, 0);
        }
        try (CapturedLog log = CapturedLog.of(SinkQueue.class)) {
            SinkStats last = queue.close(Duration.ofMillis(200));
            assertEquals(5, last.unconfirmed(), last.toJson());
            assertEquals(0, last.delivered() + last.dropped() + last.failed(), last.toJson());
            assertTrue(log.messages(Level.WARN).stream()
                    .anyMatch(m -> m.contains("5 records unconfirmed")), log.messages(Level.WARN).toString());
        }
    }

    @Test
    void refusalsAndCaptureBugsAreCountedByReasonAndNeverThrown() {
        Sink<String> picky = new Sink<>() {
            @Override
            public void open() {
            }

            @Override
            public String capture(Object value, ByteBuffer payload, InetSocketAddress sender,
                long arrivalMillis) {
                switch ((String) value) {
                    case "big":
                        throw new SinkRefusal(DropReason.TOO_LARGE, "over the limit");
                    case "odd":
                        throw new SinkRefusal(DropReason.REFUSED, "cannot represent it");
                    case "bug":
                        throw new IllegalStateException("a bug in capture");
                    default:
                        return (String) value;
                }
            }

            @Override
            public long recordBytes(String record) {
                return record.length();
            }

            @Override
            public void deliver(String record, DeliveryReceipt receipt) {
                if (record.equals("fail")) {
                    throw new IllegalArgumentException("destination said no");
                }
                receipt.delivered();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close(Duration deadline) {
            }
        };
        SinkQueue<String> queue = SinkQueue.start("picky", picky);
        for (String value : List.of("ok", "big", "odd", "bug", "fail", "ok")) {
            queue.offer(value, NO_BYTES, SENDER, 0);
        }
        SinkStats stats = queue.close(Duration.ofSeconds(10));
        assertEquals(6, stats.accepted());
        assertEquals(2, stats.delivered());
        assertEquals(1, stats.dropped(DropReason.TOO_LARGE));
        assertEquals(1, stats.dropped(DropReason.REFUSED));
        assertEquals(0, stats.dropped(DropReason.QUEUE_FULL));
        assertEquals(2, stats.failed());
        assertEquals(0, stats.unconfirmed());
        assertEquals("{\"sink\":\"picky\",\"accepted\":6,\"delivered\":2,\"dropped\":{\"queueFull\":0,"
                + "\"tooLarge\":1,\"refused\":1},\"failed\":2,\"unconfirmed\":0}", stats.toJson());
    }

    @Test
    void aSinkThatCannotOpenCountsItsRecordsAsFailed() {
        StuckSink broken = new StuckSink(true) {
            @Override
            public void open() {
                throw new IllegalStateException("no such host");
            }
        };
        try (CapturedLog log = CapturedLog.of(SinkQueue.class)) {
            SinkQueue<byte[]> queue = SinkQueue.start("broken", broken);
            for (int i = 0; i < 3; i++) {
                queue.offer(1, NO_BYTES, SENDER, 0);
            }
            SinkStats stats = queue.close(Duration.ofSeconds(10));
            assertEquals(3, stats.failed(), stats.toJson());
            List<String> warnings = log.messages(Level.WARN);
            assertTrue(warnings.get(0).contains("cannot open: no such host"), warnings.toString());
            assertEquals(2, warnings.size(), "one line to open, one for the first failure: " + warnings);
        }
    }

    @Test
    void endOfBatchFlushesAfterTheBatchIsDelivered() throws Exception {
        CountDownLatch flushed = new CountDownLatch(1);
        long[] deliveredAtFlush = new long[1];
        SinkQueue<?>[] self = new SinkQueue<?>[1];
        Sink<String> sink = new Sink<>() {
            @Override
            public void open() {
            }

            @Override
            public String capture(Object value, ByteBuffer payload, InetSocketAddress sender,
                long arrivalMillis) {
                return (String) value;
            }

            @Override
            public long recordBytes(String record) {
                return 0;
            }

            @Override
            public void deliver(String record, DeliveryReceipt receipt) {
                receipt.delivered();
            }

            @Override
            public void flush() {
                deliveredAtFlush[0] = self[0].stats().delivered();
                flushed.countDown();
            }

            @Override
            public void close(Duration deadline) {
            }
        };
        SinkQueue<String> queue = SinkQueue.start("flushing", sink);
        self[0] = queue;
        for (int i = 0; i < 3; i++) {
            queue.offer("v" + i, NO_BYTES, SENDER, 0);
        }
        queue.endOfBatch();
        assertTrue(flushed.await(10, TimeUnit.SECONDS), "no flush after the batch");
        assertEquals(3, deliveredAtFlush[0]);
        queue.close(Duration.ofSeconds(10));
    }

    @Test
    void badNamesAndBoundsAreRefused() {
        StuckSink sink = new StuckSink(true);
        assertThrows(IllegalArgumentException.class, () -> SinkQueue.start("a\"b", sink));
        assertThrows(IllegalArgumentException.class, () -> SinkQueue.start("ok", sink, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SinkQueue.start("ok", sink, 1, 0));
        assertEquals("sink queue bytes must be positive: 0", e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
