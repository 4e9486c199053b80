package io.udpkit.bench.codec;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructField;
import io.udpkit.codec.struct.StructReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A string-heavy record {@code ! 64s 64p} (128 bytes: a fixed 64-byte string and a Pascal string
 * of up to 63 bytes): decode and encode through the boxed API, the typed paths and a hand-written
 * {@link ByteBuffer} baseline. The typed and baseline paths copy the bytes into reused arrays.
 */
public class StringRecordBenchmark extends RecordBenchmark {

    /** The record's format. */
    public static final String FORMAT = "! 64s 64p";

    private static final int FIXED = 64;
    private static final int PASCAL_AT = 64;
    private static final int PASCAL_MAX = 63;

    private static final Struct STRINGS = Struct.compile(FORMAT);
    private static final StructField.OfBytes FIXED_FIELD = STRINGS.bytesField(0);
    private static final StructField.OfBytes PASCAL_FIELD = STRINGS.bytesField(1);

    private final byte[] fixed = new byte[FIXED];
    private final byte[] pascal = new byte[PASCAL_MAX];
    private byte[] fixedOut;
    private byte[] pascalOut;

    /** The string record, network order. */
    public StringRecordBenchmark() {
        super(STRINGS, ByteOrder.BIG_ENDIAN);
    }

    @Override
    protected Object[] boxedValues() {
        fixedOut = new byte[FIXED];
        Arrays.fill(fixedOut, (byte) 'x');
        pascalOut = "temperature sensor in the north-east corner".getBytes(StandardCharsets.US_ASCII);
        return new Object[] {fixedOut, pascalOut};
    }

    /**
     * Typed decode by index: re-point the reader and copy both strings into reused arrays.
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
     * Typed decode through {@code StructField} accessors held in static finals.
     *
     * @param bh consumes the lengths and arrays
     */
    @Benchmark
    public void decodeFields(Blackhole bh) {
        ByteBuffer b = in;
        bh.consume(FIXED_FIELD.get(b, 0, fixed));
        bh.consume(PASCAL_FIELD.get(b, 0, pascal));
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
     * Typed encode through {@code StructField} accessors (truncating and zero-padding as
     * {@code pack} does).
     *
     * @return the buffer written
     */
    @Benchmark
    public ByteBuffer encodeFields() {
        ByteBuffer b = out;
        FIXED_FIELD.set(b, 0, fixedOut);
        PASCAL_FIELD.set(b, 0, pascalOut);
        return b;
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
