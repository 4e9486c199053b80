package io.udpkit.bench.codec;

import io.udpkit.codec.struct.BigDecimalFloatRepr;
import io.udpkit.codec.struct.PythonLiterals;
import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.format.JsonDialect;
import io.udpkit.format.JsonDocumentWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kafka sink's JSON capture of the seed record {@code ! I 2s Q 2h f}, as a loop thread does it
 * per datagram, before and after the byte-level writer: {@code before} is the Jackson generator,
 * String and UTF-8 copy ({@link JacksonJsonCapture}); {@code after} is {@link JsonDocumentWriter}
 * into its reused buffer plus the document's copy the sink keeps; {@code afterInPlace} the same
 * without the copy (what a sink writing the bytes out directly pays). The two {@code floatRepr}
 * methods isolate {@code repr(float)}: the {@code BigDecimal} search and its allocation-free
 * replacement. Run with {@code -prof gc} for B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonCaptureBenchmark {

    private final InetSocketAddress sender = new InetSocketAddress("127.0.0.1", 5555);
    private final StructReader record;
    private final JsonDocumentWriter writer = new JsonDocumentWriter(JsonDialect.PYTHON);
    private final byte[] floatText = new byte[PythonLiterals.FLOAT_REPR_MAX_LENGTH];
    // A plain field, not a constant, so the JIT cannot fold the conversion.
    private double ratio = 0.1 + 0.2;

    /** The seed record (1, b'ab', 2, 3, 3, 2.5) in a direct buffer, as a receive loop holds it. */
    public JsonCaptureBenchmark() {
        Struct seed = Struct.compile(SeedRecordBenchmark.FORMAT);
        ByteBuffer in = ByteBuffer.allocateDirect(seed.size());
        in.put(seed.pack(1L, new byte[] {'a', 'b'}, 2L, 3L, 3L, 2.5)).flip();
        record = seed.reader().wrap(in, 0);
    }

    /**
     * Before: Jackson, StringWriter, String, UTF-8 copy.
     *
     * @return the document
     */
    @Benchmark
    public byte[] before() {
        return JacksonJsonCapture.record(sender, record);
    }

    /**
     * After: the writer's reused buffer, then the copy the sink queues.
     *
     * @return the document
     */
    @Benchmark
    public byte[] after() {
        return writer.record(sender, record).toByteArray();
    }

    /**
     * After, without the copy: the document stays in the writer's buffer.
     *
     * @return the document's length
     */
    @Benchmark
    public int afterInPlace() {
        return writer.record(sender, record).length();
    }

    /**
     * {@code repr(0.30000000000000004)} by the {@code BigDecimal} search.
     *
     * @return the text
     */
    @Benchmark
    public String floatReprBefore() {
        return BigDecimalFloatRepr.repr(ratio);
    }

    /**
     * {@code repr(0.30000000000000004)} into a reused array.
     *
     * @return the text's length
     */
    @Benchmark
    public int floatReprAfter() {
        return PythonLiterals.writeFloatRepr(ratio, floatText, 0);
    }
}
