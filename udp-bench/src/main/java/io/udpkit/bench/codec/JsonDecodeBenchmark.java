package io.udpkit.bench.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.udpkit.codec.json.JsonCodec;
import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
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
 * JSON decode per datagram beside struct decode of the same values: the seed record
 * ({@code ! I 2s Q 2h f}, 22 bytes) and the JSON document of its values,
 * {@code {"id":1,"tag":"ab","seq":2,"x":3,"y":3,"v":2.5}} (47 bytes), each in a direct buffer as
 * {@code UdpEndpoint} hands payloads to a codec. Every method reads all six values, so the figures
 * compare whole "datagram to usable values" costs.
 *
 * <ul>
 *   <li>{@code jsonTreeDecoder}: {@code JsonCodec.tree().newDecoder()}, the receive loop's path
 *       (copies the direct payload into a reused array, then Jackson parses a tree).</li>
 *   <li>{@code jsonTreeDecode}: {@code JsonCodec.tree().decode}, streaming the direct buffer.</li>
 *   <li>{@code jsonRecordDecoder}: {@code JsonCodec.of(SeedRecord.class).newDecoder()}, binding to
 *       a Java record instead of building a tree.</li>
 *   <li>{@code structDecoder} / {@code structDecode}: the {@code struct} codec's flyweight decoder
 *       (typed getters) and its detached {@code decode} (boxed values), for comparison.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JsonDecodeBenchmark {

    /** The seed record's values as a JSON document. */
    public static final String DOCUMENT = "{\"id\":1,\"tag\":\"ab\",\"seq\":2,\"x\":3,\"y\":3,\"v\":2.5}";

    /**
     * The seed record as a Java record, for binding.
     *
     * @param id  unsigned 32-bit id
     * @param tag two latin-1 characters
     * @param seq sequence number
     * @param x   first coordinate
     * @param y   second coordinate
     * @param v   the float value
     */
    public record SeedRecord(long id, String tag, long seq, int x, int y, double v) {
    }

    private final byte[] tag = new byte[2];
    private ByteBuffer json;
    private ByteBuffer struct;
    private Decoder<JsonNode> treeDecoder;
    private Decoder<SeedRecord> recordDecoder;
    private Codec<?> structCodec;
    private Decoder<?> structDecoder;

    /** Fills both payloads and creates the decoders, outside the measurement. */
    @Setup
    public void setUp() {
        byte[] document = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        json = ByteBuffer.allocateDirect(document.length).put(document).flip();
        byte[] record = Struct.compile(SeedRecordBenchmark.FORMAT)
                .pack(1L, new byte[] {'a', 'b'}, 2L, 3L, 3L, 2.5);
        struct = ByteBuffer.allocateDirect(record.length).put(record).flip();
        treeDecoder = JsonCodec.tree().newDecoder();
        recordDecoder = JsonCodec.of(SeedRecord.class).newDecoder();
        structCodec = CodecRegistry.installed().create("struct", SeedRecordBenchmark.FORMAT);
        structDecoder = structCodec.newDecoder();
    }

    /**
     * JSON to a tree with the reusable decoder, then every value read from the tree.
     *
     * @param bh consumes the values
     */
    @Benchmark
    public void jsonTreeDecoder(Blackhole bh) {
        readTree(treeDecoder.decode(json), bh);
    }

    /**
     * JSON to a tree with the codec's {@code decode}, then every value read from the tree.
     *
     * @param bh consumes the values
     */
    @Benchmark
    public void jsonTreeDecode(Blackhole bh) {
        readTree(JsonCodec.tree().decode(json), bh);
    }

    /**
     * JSON bound to a Java record with the reusable decoder, then every component read.
     *
     * @param bh consumes the values
     */
    @Benchmark
    public void jsonRecordDecoder(Blackhole bh) {
        SeedRecord r = recordDecoder.decode(json);
        bh.consume(r.id());
        bh.consume(r.tag());
        bh.consume(r.seq());
        bh.consume(r.x());
        bh.consume(r.y());
        bh.consume(r.v());
    }

    /**
     * The struct codec's flyweight decoder on the 22-byte record, then every value read with the
     * typed getters (no boxing).
     *
     * @param bh consumes the values
     */
    @Benchmark
    public void structDecoder(Blackhole bh) {
        StructReader r = (StructReader) structDecoder.decode(struct);
        bh.consume(r.getLong(0));
        bh.consume(r.getBytes(1, tag));
        bh.consume(r.getLong(2));
        bh.consume(r.getLong(3));
        bh.consume(r.getLong(4));
        bh.consume(r.getDouble(5));
    }

    /**
     * The struct codec's detached {@code decode} on the 22-byte record, then every value read
     * boxed, as from a {@code List}.
     *
     * @param bh consumes the values
     */
    @Benchmark
    public void structDecode(Blackhole bh) {
        readList((List<?>) structCodec.decode(struct), bh);
    }

    private static void readTree(JsonNode tree, Blackhole bh) {
        bh.consume(tree.get("id").longValue());
        bh.consume(tree.get("tag").textValue());
        bh.consume(tree.get("seq").longValue());
        bh.consume(tree.get("x").longValue());
        bh.consume(tree.get("y").longValue());
        bh.consume(tree.get("v").doubleValue());
    }

    private static void readList(List<?> values, Blackhole bh) {
        for (int i = 0; i < 6; i++) {
            bh.consume(values.get(i));
        }
    }
}
