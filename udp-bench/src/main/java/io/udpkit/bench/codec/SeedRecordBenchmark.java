package io.udpkit.bench.codec;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructField;
import io.udpkit.codec.struct.StructReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The seed record {@code ! I 2s Q 2h f} (22 bytes, network order): decode and encode through the
 * boxed API, the typed paths and a hand-written {@link ByteBuffer} baseline.
 */
public class SeedRecordBenchmark extends RecordBenchmark {

    /** The record's format. */
    public static final String FORMAT = "! I 2s Q 2h f";

    private static final Struct SEED = Struct.compile(FORMAT);
    private static final StructField.OfLong SEQ = SEED.longField(0);
    private static final StructField.OfBytes TAG = SEED.bytesField(1);
    private static final StructField.OfLong STAMP = SEED.longField(2);
    private static final StructField.OfLong SMALL = SEED.longField(3);
    private static final StructField.OfLong NEGATED = SEED.longField(4);
    private static final StructField.OfDouble RATIO = SEED.doubleField(5);

    private final byte[] tag = new byte[2];
    // Inputs are plain fields, not constants, so the JIT cannot fold them into the code.
    private long seq = 3_000_000_000L;
    private byte[] tagOut = "ok".getBytes(StandardCharsets.US_ASCII);
    private long stamp = 1_234_567_890_123L;
    private short small = 7;
    private float ratio = 1.5f;

    /** The seed record, big-endian. */
    public SeedRecordBenchmark() {
        super(SEED, ByteOrder.BIG_ENDIAN);
    }

    @Override
    protected Object[] boxedValues() {
        return new Object[] {seq, tagOut, stamp, (long) small, (long) -small, (double) ratio};
    }

    /**
     * Typed decode by index: re-point the reader and read every field without boxing.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeTyped(Blackhole bh) {
        StructReader r = reader.wrap(in, 0);
        bh.consume(r.getLong(0));
        bh.consume(r.getBytes(1, tag));
        bh.consume(r.getLong(2));
        bh.consume(r.getLong(3));
        bh.consume(r.getLong(4));
        bh.consume(r.getDouble(5));
    }

    /**
     * Typed decode through {@code StructField} accessors held in static finals.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeFields(Blackhole bh) {
        ByteBuffer b = in;
        bh.consume(SEQ.get(b, 0));
        bh.consume(TAG.get(b, 0, tag));
        bh.consume(STAMP.get(b, 0));
        bh.consume(SMALL.get(b, 0));
        bh.consume(NEGATED.get(b, 0));
        bh.consume(RATIO.get(b, 0));
    }

    /**
     * Baseline decode: the same fields read by hand at fixed offsets.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeBaseline(Blackhole bh) {
        ByteBuffer b = in;
        bh.consume(Integer.toUnsignedLong(b.getInt(0)));
        b.get(4, tag, 0, 2);
        bh.consume(2);
        bh.consume(b.getLong(6));
        bh.consume((long) b.getShort(14));
        bh.consume((long) b.getShort(16));
        bh.consume((double) b.getFloat(18));
    }

    /**
     * Typed encode through {@code StructField} accessors: CPython's range checks and float
     * rounding on every value, no boxing.
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodeFields() {
        ByteBuffer b = out;
        SEQ.set(b, 0, seq);
        TAG.set(b, 0, tagOut);
        STAMP.set(b, 0, stamp);
        SMALL.set(b, 0, small);
        NEGATED.set(b, 0, -small);
        RATIO.set(b, 0, ratio);
        return b;
    }

    /**
     * Baseline encode: the same fields written by hand at fixed offsets, unchecked.
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodeBaseline() {
        ByteBuffer b = out;
        b.putInt(0, (int) seq);
        b.put(4, tagOut, 0, 2);
        b.putLong(6, stamp);
        b.putShort(14, small);
        b.putShort(16, (short) -small);
        b.putFloat(18, ratio);
        return b;
    }
}
