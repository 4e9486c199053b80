package io.udpkit.bench.codec;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * The body of a receive loop without the socket: a payload of the seed record arrives in a
 * direct buffer, is decoded through the {@code struct} codec found by {@link CodecRegistry} (as
 * {@code UdpEndpoint.serve} does), and a handler reads its numeric fields. Compares the codec's
 * reused flyweight decoder, its detached {@link Codec#decode} and a hand-written baseline.
 * Payloads rotate through {@value #PAYLOADS} records so no path sees one constant buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ReceiveLoopBenchmark {

    private static final int PAYLOADS = 64;

    private Codec<StructReader> codec;
    private Decoder<StructReader> decoder;
    private ByteBuffer[] payloads;
    private int next;

    /** Builds the codec through the registry and fills the payloads, outside the measurement. */
    @Setup
    public void setUp() {
        codec = CodecRegistry.installed().create("struct", SeedRecordBenchmark.FORMAT,
                StructReader.class);
        decoder = codec.newDecoder();
        Struct struct = Struct.compile(SeedRecordBenchmark.FORMAT);
        ByteBuffer all = ByteBuffer.allocateDirect(PAYLOADS * struct.size());
        payloads = new ByteBuffer[PAYLOADS];
        for (int i = 0; i < PAYLOADS; i++) {
            int at = i * struct.size();
            struct.packInto(all, at, (long) i, new byte[] {'o', 'k'}, i * 1000L, (long) i, (long) -i, i / 4.0);
            payloads[i] = all.slice(at, struct.size()).order(ByteOrder.BIG_ENDIAN);
        }
    }

    private ByteBuffer nextPayload() {
        next = (next + 1) & (PAYLOADS - 1);
        return payloads[next];
    }

    /**
     * The zero-allocation path: the codec's reused decoder, then typed getters.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void flyweightDecoder(Blackhole bh) {
        read(decoder.decode(nextPayload()), bh);
    }

    /**
     * The detached path: {@link Codec#decode} copies the payload into a new record.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void detachedDecode(Blackhole bh) {
        read(codec.decode(nextPayload()), bh);
    }

    /**
     * Baseline: the length check and the same fields read by hand.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void baseline(Blackhole bh) {
        ByteBuffer p = nextPayload();
        if (p.remaining() != 22) {
            throw new IllegalStateException("bad payload length " + p.remaining());
        }
        bh.consume(Integer.toUnsignedLong(p.getInt(0)));
        bh.consume(p.getLong(6));
        bh.consume((long) p.getShort(14));
        bh.consume((long) p.getShort(16));
        bh.consume((double) p.getFloat(18));
    }

    private static void read(StructReader record, Blackhole bh) {
        bh.consume(record.getLong(0));
        bh.consume(record.getLong(2));
        bh.consume(record.getLong(3));
        bh.consume(record.getLong(4));
        bh.consume(record.getDouble(5));
    }
}
