package io.udpkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.Codec;
import io.udpkit.core.Decoder;
import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.SinkStats;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Sink} promises, as tests a sink module inherits (the twin of the
 * codec contract suite): extend this class, supply a sink pointed at a destination the test can
 * read, a codec and payloads, and every {@code @Test} here runs against that sink, through a real
 * {@link SinkQueue}.
 *
 * <p>What it pins, each as one test method:
 * <ul>
 *   <li>every value offered is delivered exactly once, and counted: {@code accepted ==
 *       delivered}, nothing dropped, failed or unconfirmed after close;</li>
 *   <li>the sink copies a flyweight before {@link Sink#capture} returns: values decoded by the
 *       codec's reusing {@link Codec#newDecoder() decoder} from one buffer that is scribbled over
 *       after each capture, before delivery, reach the destination exactly as fresh copies
 *       do;</li>
 *   <li>the end of a loop batch ({@link SinkQueue#endOfBatch()}) makes the batch visible at the
 *       destination before the sink is closed;</li>
 *   <li>close is idempotent, a value offered after it is dropped as refused, and the counters
 *       always add up.</li>
 * </ul>
 *
 * <p>Use from a sink module: depend on {@code io.udpkit:udp-testkit} with
 * {@code <scope>test</scope>}. Waits are bounded ({@link #PATIENCE}).
 */
public abstract class SinkContract {

    /** The longest any step waits for the destination. */
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The sender every offered value claims. */
    protected static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.1", 5555);

    /** The arrival time every offered value claims: 2026-01-02T03:04:05.678Z. */
    protected static final long ARRIVAL_MILLIS = 1_767_323_045_678L;

    /** For subclasses: one per sink under test. */
    protected SinkContract() {
    }

    /**
     * A new, unopened sink, pointed at a fresh destination: {@link #destinationRecords()} then
     * reads only what this sink sends.
     *
     * @return the sink
     * @throws Exception if the destination cannot be prepared
     */
    protected abstract Sink<?> newSink() throws Exception;

    /**
     * The codec whose values the sink receives.
     *
     * @return the codec
     */
    protected abstract Codec<?> codec();

    /**
     * Payloads the codec decodes; at least two, of different content.
     *
     * @return the payloads
     */
    protected abstract List<byte[]> payloads();

    /**
     * Everything the destination has received from the sink of the latest {@link #newSink()}, in
     * order, one string per record (its text, or a hex dump: any form in which equal records give
     * equal strings). Called repeatedly while waiting; must not block for long.
     *
     * @return the records so far
     * @throws Exception if the destination cannot be read
     */
    protected abstract List<String> destinationRecords() throws Exception;

    @Test
    public void deliversEveryValueExactlyOnceAndCountsIt() throws Exception {
        List<String> records = run();
        int expected = payloads().size() * 2;
        assertEquals(expected, records.size(), records.toString());
    }

    @Test
    public void capturesFlyweightsBeforeReturning() throws Exception {
        List<String> fromCopies = runDirect(false);
        List<String> fromFlyweights = runDirect(true);
        assertEquals(fromCopies, fromFlyweights,
                "records made from a reused, overwritten buffer differ from fresh copies");
    }

    @Test
    public void endOfBatchMakesTheBatchVisibleBeforeClose() throws Exception {
        SinkQueue<?> queue = SinkQueue.start("contract", newSink());
        try {
            queue.offer(decodeCopy(payloads().get(0)), view(payloads().get(0)), SENDER, ARRIVAL_MILLIS);
            queue.endOfBatch();
            List<String> records = await(1);
            assertEquals(1, records.size(), records.toString());
        } finally {
            queue.close(PATIENCE);
        }
    }

    @Test
    public void closeIsIdempotentAndValuesAfterItAreRefused() throws Exception {
        SinkQueue<?> queue = SinkQueue.start("contract", newSink());
        queue.offer(decodeCopy(payloads().get(0)), view(payloads().get(0)), SENDER, ARRIVAL_MILLIS);
        SinkStats first = queue.close(PATIENCE);
        assertEquals(1, first.delivered(), first.toJson());
        SinkStats second = queue.close(PATIENCE);
        assertEquals(first.toJson(), second.toJson());

        queue.offer(decodeCopy(payloads().get(1)), view(payloads().get(1)), SENDER, ARRIVAL_MILLIS);
        SinkStats after = queue.stats();
        assertEquals(2, after.accepted(), after.toJson());
        assertEquals(1, after.dropped(DropReason.REFUSED), after.toJson());
        assertEquals(after.accepted(), after.delivered() + after.dropped() + after.failed()
                + after.unconfirmed(), after.toJson());
    }

    @Test
    public void recordBytesIsNeverNegative() throws Exception {
        @SuppressWarnings("unchecked")
        Sink<Object> sink = (Sink<Object>) newSink();
        for (byte[] payload : payloads()) {
            Object record = sink.capture(decodeCopy(payload), view(payload), SENDER, ARRIVAL_MILLIS);
            assertTrue(sink.recordBytes(record) >= 0, "recordBytes < 0");
        }
    }

    /**
     * Offers every payload twice, one batch per round, through a {@link SinkQueue}, closes,
     * checks the counters and returns what the destination received.
     */
    private List<String> run() throws Exception {
        List<byte[]> payloads = payloads();
        assertTrue(payloads.size() >= 2, "the contract needs at least two payloads");
        SinkQueue<?> queue = SinkQueue.start("contract", newSink());
        for (int round = 0; round < 2; round++) {
            for (byte[] payload : payloads) {
                queue.offer(decodeCopy(payload), view(payload), SENDER, ARRIVAL_MILLIS);
            }
            queue.endOfBatch();
        }
        SinkStats stats = queue.close(PATIENCE);
        int expected = payloads.size() * 2;
        assertEquals(expected, stats.accepted(), stats.toJson());
        assertEquals(expected, stats.delivered(), stats.toJson());
        assertEquals(0, stats.dropped() + stats.failed() + stats.unconfirmed(), stats.toJson());
        List<String> records = await(expected);
        assertFalse(records.size() > expected, "delivered more than once: " + records);
        return records;
    }

    /**
     * Drives the sink's lifecycle on this thread, so that the order is fixed: each value is
     * captured, then the buffer it was decoded from is overwritten, and only then is the record
     * delivered, as happens when the loop runs ahead of the sink's thread.
     */
    private List<String> runDirect(boolean flyweights) throws Exception {
        @SuppressWarnings("unchecked")
        Sink<Object> sink = (Sink<Object>) newSink();
        Decoder<?> decoder = codec().newDecoder();
        int largest = payloads().stream().mapToInt(p -> p.length).max().orElse(0);
        ByteBuffer reused = ByteBuffer.allocateDirect(largest);
        byte[] junk = new byte[largest];
        Arrays.fill(junk, (byte) 0x5A);
        List<Object> records = new ArrayList<>();
        for (byte[] payload : payloads()) {
            if (flyweights) {
                reused.clear();
                reused.put(payload).flip();
                ByteBuffer readOnly = reused.asReadOnlyBuffer();
                records.add(sink.capture(decoder.decode(reused), readOnly, SENDER,
                        ARRIVAL_MILLIS));
                // The next datagram overwrites the buffer: the sink must not look again.
                reused.clear();
                reused.put(junk).flip();
            } else {
                records.add(sink.capture(decodeCopy(payload), view(payload), SENDER,
                        ARRIVAL_MILLIS));
            }
        }
        CountingReceipt receipt = new CountingReceipt();
        sink.open();
        try {
            for (Object record : records) {
                sink.deliver(record, receipt);
            }
            sink.flush();
        } finally {
            sink.close(PATIENCE);
        }
        assertEquals(records.size(), receipt.outcomes.get(), "one outcome per record");
        List<String> received = await(records.size());
        assertEquals(records.size(), received.size(), received.toString());
        return received;
    }

    /** Counts outcomes for {@link #runDirect}; the sink may report from any thread. */
    private static final class CountingReceipt implements DeliveryReceipt {
        final AtomicLong outcomes = new AtomicLong();

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
    }

    /** A read-only view of a copy of {@code payload}, as the loop hands payloads to sinks. */
    private static ByteBuffer view(byte[] payload) {
        return ByteBuffer.wrap(payload.clone()).asReadOnlyBuffer();
    }

    private Object decodeCopy(byte[] payload) {
        return codec().decode(ByteBuffer.wrap(payload.clone()));
    }

    /** Polls the destination until it holds {@code count} records or {@link #PATIENCE} ends. */
    private List<String> await(int count) throws Exception {
        long until = System.nanoTime() + PATIENCE.toNanos();
        List<String> records = new ArrayList<>(destinationRecords());
        while (records.size() < count && System.nanoTime() - until < 0) {
            Thread.sleep(20);
            records = new ArrayList<>(destinationRecords());
        }
        return records;
    }
}
