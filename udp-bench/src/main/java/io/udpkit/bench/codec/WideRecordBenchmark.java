package io.udpkit.bench.codec;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A wide record {@code < 16d 16q 8s ?} (265 bytes, little-endian, 34 values): decode and encode
 * through the boxed API, the typed path and a hand-written {@link ByteBuffer} baseline. The
 * numeric fields are folded into one sum per type, the same way on every path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WideRecordBenchmark {

    /** The record's format. */
    public static final String FORMAT = "< 16d 16q 8s ?";

    private static final int DOUBLES = 16;
    private static final int LONGS = 16;
    private static final int LONGS_AT = DOUBLES * 8;
    private static final int NAME_AT = LONGS_AT + LONGS * 8;
    private static final int FLAG_AT = NAME_AT + 8;

    private final Struct struct = Struct.compile(FORMAT);
    private final StructReader reader = struct.reader();
    private final byte[] name = new byte[8];
    private ByteBuffer in;
    private ByteBuffer out;
    private Object[] values;
    private final double[] doubles = new double[DOUBLES];
    private final long[] longs = new long[LONGS];
    private final byte[] nameOut = "sensor-7".getBytes(StandardCharsets.US_ASCII);
    private boolean flag = true;

    /** Packs one record to decode and boxes the values to encode, outside the measurement. */
    @Setup
    public void setUp() {
        values = new Object[DOUBLES + LONGS + 2];
        for (int i = 0; i < DOUBLES; i++) {
            doubles[i] = i * 1.25;
            values[i] = doubles[i];
        }
        for (int i = 0; i < LONGS; i++) {
            longs[i] = (i - 8) * 1_000_003L;
            values[DOUBLES + i] = longs[i];
        }
        values[DOUBLES + LONGS] = nameOut;
        values[DOUBLES + LONGS + 1] = flag;
        in = ByteBuffer.allocateDirect(struct.size()).order(ByteOrder.LITTLE_ENDIAN);
        struct.packInto(in, 0, values);
        out = ByteBuffer.allocateDirect(struct.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Boxed decode: {@code Struct.unpack} into a {@code List<Object>}.
     *
     * @return the decoded values
     */
    @Benchmark
    public List<Object> decodeBoxed() {
        return struct.unpack(in);
    }

    /**
     * Typed decode: re-point the reader and read every field without boxing.
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
     * Boxed encode: {@code Struct.pack} into a new array.
     *
     * @return the packed record
     */
    @Benchmark
    public byte[] encodeBoxed() {
        return struct.pack(values);
    }

    /**
     * Typed encode: {@code packInto} a reused buffer (values boxed once, in setup).
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodePackInto() {
        struct.packInto(out, 0, values);
        return out;
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
