package io.udpkit.bench.codec;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/**
 * What every record benchmark measures the same way: the boxed API ({@code Struct.unpack} and
 * {@code Struct.pack}) and {@code packInto} with values boxed once. Each subclass adds, for its
 * record shape, the typed paths ({@code StructReader} getters by index, {@code StructField}
 * accessors from static finals) and the hand-written {@link ByteBuffer} baselines; JMH runs the
 * inherited benchmarks once per subclass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public abstract class RecordBenchmark {

    /** The record's compiled format. */
    protected final Struct struct;
    /** A reader for the typed-by-index path, re-pointed per call. */
    protected final StructReader reader;
    /** One packed record to decode, at index 0 (direct, as a receive buffer is). */
    protected ByteBuffer in;
    /** A record-sized buffer to encode into (direct, as a send buffer is). */
    protected ByteBuffer out;
    /** The values to encode, boxed once in setup. */
    protected Object[] values;
    private final ByteOrder order;

    /**
     * Compiles the record's format.
     *
     * @param struct the record's format
     * @param order the byte order the baselines set on both buffers (the format's own)
     */
    protected RecordBenchmark(Struct struct, ByteOrder order) {
        this.struct = struct;
        this.reader = struct.reader();
        this.order = order;
    }

    /**
     * The values to encode, and packed once to decode.
     *
     * @return one value per item, boxed as {@code Struct.pack} takes them
     */
    protected abstract Object[] boxedValues();

    /** Packs one record to decode and boxes the values to encode, outside the measurement. */
    @Setup
    public void setUpRecord() {
        values = boxedValues();
        in = ByteBuffer.allocateDirect(struct.size()).order(order);
        struct.packInto(in, 0, values);
        out = ByteBuffer.allocateDirect(struct.size()).order(order);
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
     * Boxed encode: {@code Struct.pack} into a new array.
     *
     * @return the packed record
     */
    @Benchmark
    public byte[] encodeBoxed() {
        return struct.pack(values);
    }

    /**
     * Encode with {@code packInto} into a reused buffer (values boxed once, in setup): zero-fills
     * the record, then converts and checks every value.
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodePackInto() {
        struct.packInto(out, 0, values);
        return out;
    }
}
