package io.udpkit.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.udpkit.core.Codec;
import io.udpkit.core.DeliveryReceipt;
import io.udpkit.core.Sink;
import io.udpkit.core.codec.RawCodec;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The contract passes for a sink that keeps its promises and fails for ones that break them, so
 * that a sink module passing it means something.
 */
class SinkContractSelfTest {

    /**
     * A sink that buffers lines in {@link #deliver} and publishes them only on {@link #flush} or
     * close, as a buffered writer does.
     */
    static class BufferingSink implements Sink<String> {

        final List<String> published;
        private final List<String> buffered = new ArrayList<>();

        BufferingSink(List<String> published) {
            this.published = published;
        }

        @Override
        public void open() {
        }

        @Override
        public String capture(Object value, ByteBuffer payload, InetSocketAddress sender,
                long arrivalMillis) {
            ByteBuffer bytes = ((ByteBuffer) value).duplicate();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            return sender.getPort() + " " + arrivalMillis + " " + new String(copy, ISO_8859_1);
        }

        @Override
        public long recordBytes(String record) {
            return record.length();
        }

        @Override
        public void deliver(String record, DeliveryReceipt receipt) {
            buffered.add(record);
            receipt.delivered();
        }

        @Override
        public void flush() {
            published.addAll(buffered);
            buffered.clear();
        }

        @Override
        public void close(Duration deadline) {
            flush();
        }
    }

    abstract static class RawContract extends SinkContract {

        final List<String> destination = new CopyOnWriteArrayList<>();

        @Override
        protected Codec<?> codec() {
            return RawCodec.INSTANCE;
        }

        @Override
        protected List<byte[]> payloads() {
            return List.of(new byte[] {1, 2, 3}, "hello".getBytes(ISO_8859_1), new byte[0]);
        }

        @Override
        protected List<String> destinationRecords() {
            return destination;
        }
    }

    @Nested
    class KeptPromises extends RawContract {
        @Override
        protected Sink<?> newSink() {
            destination.clear();
            return new BufferingSink(destination);
        }
    }

    @Test
    void flyweightKeptPastTheCallIsCaught() {
        RawContract contract = new RawContract() {
            @Override
            protected Sink<?> newSink() {
                destination.clear();
                List<String> out = destination;
                return new BufferingSink(out) {
                    private ByteBuffer kept;

                    @Override
                    public String capture(Object value, ByteBuffer payload,
                            InetSocketAddress sender, long arrivalMillis) {
                        kept = (ByteBuffer) value;
                        return super.capture(kept, payload, sender, arrivalMillis);
                    }

                    @Override
                    public void deliver(String record, DeliveryReceipt receipt) {
                        // Reads the kept view again, after the loop reused its buffer.
                        super.deliver(super.capture(kept, kept, SENDER, ARRIVAL_MILLIS), receipt);
                    }
                };
            }
        };
        assertThrows(AssertionFailedError.class, contract::capturesFlyweightsBeforeReturning);
    }

    @Test
    void sinkThatNeverConfirmsIsCaught() {
        RawContract contract = new RawContract() {
            @Override
            protected Sink<?> newSink() {
                destination.clear();
                return new BufferingSink(destination) {
                    @Override
                    public void deliver(String record, DeliveryReceipt receipt) {
                        destination.add(record);
                    }
                };
            }
        };
        assertThrows(AssertionFailedError.class, contract::deliversEveryValueExactlyOnceAndCountsIt);
    }
}
