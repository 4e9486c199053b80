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
 * A wide record {@code < 16d 16q 8s ?} (265 bytes, little-endian): decode and encode through the
 * boxed API, the typed paths and a hand-written {@link ByteBuffer} baseline.
 */
public class WideRecordBenchmark extends RecordBenchmark {

    /** The record's format. */
    public static final String FORMAT = "< 16d 16q 8s ?";

    private static final int DOUBLES = 16;
    private static final int LONGS = 16;
    private static final int LONGS_AT = DOUBLES * 8;
    private static final int NAME_AT = LONGS_AT + LONGS * 8;
    private static final int FLAG_AT = NAME_AT + 8;

    private static final Struct WIDE = Struct.compile(FORMAT);
    private static final StructField.OfDouble[] DOUBLE_FIELDS = new StructField.OfDouble[DOUBLES];
    private static final StructField.OfLong[] LONG_FIELDS = new StructField.OfLong[LONGS];
    /** One accessor per run: value 0 of {@code 16d}, read as its run with {@code getAt}. */
    private static final StructField.OfDouble DOUBLE_RUN = WIDE.doubleField(0);
    private static final StructField.OfLong LONG_RUN = WIDE.longField(DOUBLES);
    private static final StructField.OfBytes NAME = WIDE.bytesField(DOUBLES + LONGS);
    private static final StructField.OfLong FLAG = WIDE.longField(DOUBLES + LONGS + 1);

    static {
        for (int i = 0; i < DOUBLES; i++) {
            DOUBLE_FIELDS[i] = WIDE.doubleField(i);
        }
        for (int i = 0; i < LONGS; i++) {
            LONG_FIELDS[i] = WIDE.longField(DOUBLES + i);
        }
    }

    private final byte[] name = new byte[8];
    private final double[] doubles = new double[DOUBLES];
    private final long[] longs = new long[LONGS];
    private byte[] nameOut = "sensor-7".getBytes(StandardCharsets.US_ASCII);
    private boolean flag = true;

    /** The wide record, little-endian. */
    public WideRecordBenchmark() {
        super(WIDE, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    protected Object[] boxedValues() {
        Object[] boxed = new Object[DOUBLES + LONGS + 2];
        for (int i = 0; i < DOUBLES; i++) {
            doubles[i] = i * 1.25;
            boxed[i] = doubles[i];
        }
        for (int i = 0; i < LONGS; i++) {
            longs[i] = (i - 8) * 1_000_003L;
            boxed[DOUBLES + i] = longs[i];
        }
        boxed[DOUBLES + LONGS] = nameOut;
        boxed[DOUBLES + LONGS + 1] = flag;
        return boxed;
    }

    /**
     * Typed decode by index: re-point the reader and read every field without boxing.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeTyped(Blackhole bh) {
        StructReader r = reader.wrap(in, 0);
        double d = 0;
        for (int i = 0; i < DOUBLES; i++) {
            d += r.getDouble(i);
        }
        long q = 0;
        for (int i = 0; i < LONGS; i++) {
            q += r.getLong(DOUBLES + i);
        }
        bh.consume(d);
        bh.consume(q);
        bh.consume(r.getBytes(DOUBLES + LONGS, name));
        bh.consume(r.getBoolean(DOUBLES + LONGS + 1));
    }

    /**
     * Typed decode through {@code StructField} accessors in static finals: one per run, whose
     * {@code getAt(buf, record, k)} reads the k-th value of the run.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeFields(Blackhole bh) {
        ByteBuffer b = in;
        double d = 0;
        for (int i = 0; i < DOUBLES; i++) {
            d += DOUBLE_RUN.getAt(b, 0, i);
        }
        long q = 0;
        for (int i = 0; i < LONGS; i++) {
            q += LONG_RUN.getAt(b, 0, i);
        }
        bh.consume(d);
        bh.consume(q);
        bh.consume(NAME.get(b, 0, name));
        bh.consume(FLAG.get(b, 0) != 0);
    }

    /**
     * Typed decode through one {@code StructField} accessor per value, kept in arrays for the
     * repeated values (so each element's offset is loaded, not folded).
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeFieldArrays(Blackhole bh) {
        ByteBuffer b = in;
        double d = 0;
        for (int i = 0; i < DOUBLES; i++) {
            d += DOUBLE_FIELDS[i].get(b, 0);
        }
        long q = 0;
        for (int i = 0; i < LONGS; i++) {
            q += LONG_FIELDS[i].get(b, 0);
        }
        bh.consume(d);
        bh.consume(q);
        bh.consume(NAME.get(b, 0, name));
        bh.consume(FLAG.get(b, 0) != 0);
    }

    /**
     * Baseline decode: the same fields read by hand at fixed offsets.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void decodeBaseline(Blackhole bh) {
        ByteBuffer b = in;
        double d = 0;
        for (int i = 0; i < DOUBLES; i++) {
            d += b.getDouble(i * 8);
        }
        long q = 0;
        for (int i = 0; i < LONGS; i++) {
            q += b.getLong(LONGS_AT + i * 8);
        }
        bh.consume(d);
        bh.consume(q);
        b.get(NAME_AT, name, 0, 8);
        bh.consume(8);
        bh.consume(b.get(FLAG_AT) != 0);
    }

    /**
     * Typed encode through {@code StructField} run accessors ({@code setAt}).
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodeFields() {
        ByteBuffer b = out;
        for (int i = 0; i < DOUBLES; i++) {
            DOUBLE_RUN.setAt(b, 0, i, doubles[i]);
        }
        for (int i = 0; i < LONGS; i++) {
            LONG_RUN.setAt(b, 0, i, longs[i]);
        }
        NAME.set(b, 0, nameOut);
        FLAG.set(b, 0, flag ? 1 : 0);
        return b;
    }

    /**
     * Baseline encode: the same fields written by hand at fixed offsets.
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodeBaseline() {
        ByteBuffer b = out;
        for (int i = 0; i < DOUBLES; i++) {
            b.putDouble(i * 8, doubles[i]);
        }
        for (int i = 0; i < LONGS; i++) {
            b.putLong(LONGS_AT + i * 8, longs[i]);
        }
        b.put(NAME_AT, nameOut, 0, 8);
        b.put(FLAG_AT, (byte) (flag ? 1 : 0));
        return b;
    }
}
