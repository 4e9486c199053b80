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
 * The seed record {@code ! I 2s Q 2h f} (22 bytes, network order): decode and encode through the
 * boxed API, the typed path and a hand-written {@link ByteBuffer} baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SeedRecordBenchmark {

    /** The record's format. */
    public static final String FORMAT = "! I 2s Q 2h f";

    private final Struct struct = Struct.compile(FORMAT);
    private final StructReader reader = struct.reader();
    private final byte[] tag = new byte[2];
    private ByteBuffer in;
    private ByteBuffer out;
    private Object[] values;
    private long seq = 3_000_000_000L;
    private byte[] tagOut = "ok".getBytes(StandardCharsets.US_ASCII);
    private long stamp = 1_234_567_890_123L;
    private short small = 7;
    private float ratio = 1.5f;

    /** Packs one record to decode and boxes the values to encode, outside the measurement. */
    @Setup
    public void setUp() {
        values = new Object[] {seq, tagOut, stamp, (long) small, (long) -small, (double) ratio};
        in = ByteBuffer.allocateDirect(struct.size()).order(ByteOrder.BIG_ENDIAN);
        struct.packInto(in, 0, values);
        out = ByteBuffer.allocateDirect(struct.size()).order(ByteOrder.BIG_ENDIAN);
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
        bh.consume(r.getLong(0));
        bh.consume(r.getBytes(1, tag));
        bh.consume(r.getLong(2));
        bh.consume(r.getLong(3));
        bh.consume(r.getLong(4));
        bh.consume(r.getDouble(5));
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
        b.putInt(0, (int) seq);
        b.put(4, tagOut, 0, 2);
        b.putLong(6, stamp);
        b.putShort(14, small);
        b.putShort(16, (short) -small);
        b.putFloat(18, ratio);
        return b;
    }
}
