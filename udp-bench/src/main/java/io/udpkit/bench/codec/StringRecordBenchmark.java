package io.udpkit.bench.codec;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * A string-heavy record {@code ! 64s 64p} (128 bytes: a fixed 64-byte string and a Pascal string
 * of up to 63 bytes): decode and encode through the boxed API, the typed path and a hand-written
 * {@link ByteBuffer} baseline. The typed and baseline paths copy the bytes into reused arrays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class StringRecordBenchmark {

    /** The record's format. */
    public static final String FORMAT = "! 64s 64p";

    private static final int FIXED = 64;
    private static final int PASCAL_AT = 64;
    private static final int PASCAL_MAX = 63;

    private final Struct struct = Struct.compile(FORMAT);
    private final StructReader reader = struct.reader();
    private final byte[] fixed = new byte[FIXED];
    private final byte[] pascal = new byte[PASCAL_MAX];
    private ByteBuffer in;
    private ByteBuffer out;
    private Object[] values;
    private byte[] fixedOut;
    private byte[] pascalOut;

    /** Packs one record to decode and boxes the values to encode, outside the measurement. */
    @Setup
    public void setUp() {
        fixedOut = new byte[FIXED];
        Arrays.fill(fixedOut, (byte) 'x');
        pascalOut = "temperature sensor in the north-east corner".getBytes(StandardCharsets.US_ASCII);
        values = new Object[] {fixedOut, pascalOut};
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
     * Typed decode: re-point the reader and copy both strings into reused arrays.
     *
     * @param bh consumes the lengths and arrays
     */
    @Benchmark
    public void decodeTyped(Blackhole bh) {
        StructReader r = reader.wrap(in, 0);
        bh.consume(r.getBytes(0, fixed));
        bh.consume(r.getBytes(1, pascal));
        bh.consume(fixed);
        bh.consume(pascal);
    }

    /**
     * Baseline decode: the same copies by hand (the Pascal length byte capped as struct does).
     *
     * @param bh consumes the lengths and arrays
     */
    @Benchmark
    public void decodeBaseline(Blackhole bh) {
        ByteBuffer b = in;
        b.get(0, fixed, 0, FIXED);
        int length = Math.min(b.get(PASCAL_AT) & 0xFF, PASCAL_MAX);
        b.get(PASCAL_AT + 1, pascal, 0, length);
        bh.consume(FIXED);
        bh.consume(length);
        bh.consume(fixed);
        bh.consume(pascal);
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
     * Typed encode: {@code packInto} a reused buffer.
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodePackInto() {
        struct.packInto(out, 0, values);
        return out;
    }

    /**
     * Baseline encode: the same bytes written by hand, zero-padding both fields as struct does.
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodeBaseline() {
        ByteBuffer b = out;
        int fixedLength = Math.min(fixedOut.length, FIXED);
        b.put(0, fixedOut, 0, fixedLength);
        for (int i = fixedLength; i < FIXED; i++) {
            b.put(i, (byte) 0);
        }
        int length = Math.min(pascalOut.length, PASCAL_MAX);
        b.put(PASCAL_AT, (byte) length);
        b.put(PASCAL_AT + 1, pascalOut, 0, length);
        for (int i = PASCAL_AT + 1 + length; i < PASCAL_AT + 1 + PASCAL_MAX; i++) {
            b.put(i, (byte) 0);
        }
        return b;
    }
}
