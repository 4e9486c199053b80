package io.udpkit.sink.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers and timestamp of the kafka sink's records ({@code sender}, {@code arrival},
 * {@code codec}), made once and handed to every record that shares the sender and the arrival
 * millisecond, rather than made per record. Safe because {@code ProducerRecord} copies the headers
 * it is given into a list of its own (the producer then marks that copy read-only), and a
 * {@link RecordHeader} never changes. At 50,000 records/s some 50 records share each millisecond,
 * so the rebuild costs about two bytes a record. Sink thread only.
 */
final class ProducerHeaders {

    private final RecordHeader codec;
    private byte[] sender;
    private long arrivalMillis = Long.MIN_VALUE;
    private RecordHeader senderHeader;
    private RecordHeader arrivalHeader;
    private RecordHeaders headers;
    private Long timestamp;

    ProducerHeaders(byte[] codec) {
        this.codec = new RecordHeader("codec", codec);
    }

    /**
     * Makes the headers and timestamp current for a record from {@code sender} (the same array
     * for the same sender, as the sink caches it) that arrived at {@code arrivalMillis}.
     */
    ProducerHeaders forRecord(byte[] sender, long arrivalMillis) {
        boolean changed = false;
        if (sender != this.sender) {
            this.sender = sender;
            senderHeader = new RecordHeader("sender", sender);
            changed = true;
        }
        if (arrivalMillis != this.arrivalMillis) {
            this.arrivalMillis = arrivalMillis;
            arrivalHeader = new RecordHeader("arrival", Long.toString(arrivalMillis).getBytes(UTF_8));
            timestamp = arrivalMillis;
            changed = true;
        }
        if (changed) {
            headers = new RecordHeaders(new Header[] {senderHeader, arrivalHeader, codec});
        }
        return this;
    }

    /** The headers for the current record; the producer's record copies them. */
    RecordHeaders headers() {
        return headers;
    }

    /** The current record's timestamp, boxed once per millisecond. */
    Long timestamp() {
        return timestamp;
    }
}
