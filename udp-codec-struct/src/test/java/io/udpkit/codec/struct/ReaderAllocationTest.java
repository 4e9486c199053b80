package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.Codec;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documented fast path allocates nothing per record: a reused decoder from the codec, then
 * the typed getters. Measured with the JVM's per-thread allocation counter (reached reflectively:
 * the module does not read java.management) over many records, after warm-up; any allocation
 * per record would show as megabytes.
 */
class ReaderAllocationTest {

    private static final int RECORDS = 200_000;
    private static final int ROUNDS = 6;

    @Test
    void decoderAndTypedGettersAllocateNothingPerRecord() throws Exception {
        ThreadAllocation allocation = ThreadAllocation.ofCurrentThread();
        Struct s = Struct.compile("! I 2s Q 2h f ? e d");
        Decoder<StructReader> decoder = s.codec().newDecoder();
        ByteBuffer payload = ByteBuffer.wrap(
                s.pack(1, new byte[] {'a', 'b'}, 2, 3, 4, 2.5, true, 0.5, 8.25));
        byte[] dst = new byte[2];

        long expected = RECORDS * (1L + 2 + 3 + 4 + 1 + 2 + 1) + RECORDS * (long) (2.5 + 0.5 + 8.25);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = allocation.bytes();
            long sum = readRecords(decoder, payload, dst);
            long after = allocation.bytes();
            long baseline = allocation.bytes() - after;
            assertEquals(expected, sum);
            best = Math.min(best, after - before - baseline);
        }
        assertTrue(best < 4096, "fast path allocated " + best + " bytes for " + RECORDS
                + " records");
    }

    @Test
    void encodeOfARecordAllocatesNothingPerRecord() throws Exception {
        ThreadAllocation allocation = ThreadAllocation.ofCurrentThread();
        Struct s = Struct.compile("! I 2s Q 2h f ? e d");
        Codec<StructReader> codec = s.codec();
        StructReader record = s.record(1L, new byte[] {'a', 'b'}, 2L, 3L, 4L, 2.5, true, 0.5, 8.25);
        ByteBuffer out = ByteBuffer.allocate(64);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = allocation.bytes();
            int written = 0;
            for (int i = 0; i < RECORDS; i++) {
                out.clear();
                codec.encode(record, out);
                written += out.position();
            }
            long after = allocation.bytes();
            long baseline = allocation.bytes() - after;
            assertEquals(RECORDS * 33, written);
            best = Math.min(best, after - before - baseline);
        }
        assertTrue(best < 4096, "encode allocated " + best + " bytes for " + RECORDS
                + " records");
    }

    @Test
    void fieldAccessorsAndPackIntoAllocateNothingPerRecord() throws Exception {
        ThreadAllocation allocation = ThreadAllocation.ofCurrentThread();
        Struct s = Struct.compile("! I 2s Q 2h f");
        StructField.OfLong id = s.longField(0);
        StructField.OfBytes tag = s.bytesField(1);
        StructField.OfLong stamp = s.longField(2);
        StructField.OfDouble ratio = s.doubleField(5);
        Object[] boxed = {1L, new byte[] {'a', 'b'}, 2L, 3L, 3L, 2.5};
        ByteBuffer in = ByteBuffer.allocateDirect(22);
        ByteBuffer out = ByteBuffer.allocateDirect(22);
        byte[] dst = new byte[2];
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = allocation.bytes();
            long sum = 0;
            for (int i = 0; i < RECORDS; i++) {
                s.packInto(in, 0, boxed);
                sum += id.get(in, 0) + tag.get(in, 0, dst) + stamp.get(in, 0)
                        + (long) ratio.get(in, 0);
                id.set(out, 0, i);
                stamp.set(out, 0, sum);
                tag.set(out, 0, dst);
                ratio.set(out, 0, 0.5);
            }
            long after = allocation.bytes();
            long baseline = allocation.bytes() - after;
            assertEquals(RECORDS * 7L, sum);
            best = Math.min(best, after - before - baseline);
        }
        assertTrue(best < 4096, "accessors and packInto allocated " + best + " bytes for "
                + RECORDS + " records");
    }

    private static long readRecords(Decoder<StructReader> decoder, ByteBuffer payload,
            byte[] dst) {
        long sum = 0;
        for (int i = 0; i < RECORDS; i++) {
            StructReader r = decoder.decode(payload);
            sum += r.getLong(0) + r.getBytes(1, dst) + r.getLong(2) + r.getLong(3) + r.getLong(4)
                    + (r.getBoolean(6) ? 1 : 0) + dst[0] - 'a' + dst[1] - 'a';
            sum += (long) (r.getDouble(5) + r.getDouble(7) + r.getDouble(8));
        }
        return sum;
    }
}
