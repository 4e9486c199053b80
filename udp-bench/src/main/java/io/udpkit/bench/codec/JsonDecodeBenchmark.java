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
 * One datagram's decode with the {@code json} codec beside the {@code struct} codec, carrying the
 * same values: the seed record {@code (1, b'ab', 2, 3, 3, 2.5)} as the JSON document
 * {@code {"id":1,"tag":"ab","seq":2,"x":3,"y":3,"v":2.5}} (45 bytes) and as 22 packed bytes.
 * Both payloads sit in direct buffers, as the receive loop's are.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JsonDecodeBenchmark {

    static final String DOCUMENT = "{\"id\":1,\"tag\":\"ab\",\"seq\":2,\"x\":3,\"y\":3,\"v\":2.5}";

    private JsonCodec<JsonNode> json;
    private Decoder<JsonNode> jsonDecoder;
    private Decoder<StructReader> structDecoder;
    private ByteBuffer jsonPayload;
    private ByteBuffer structPayload;

    /** Builds both codecs and payloads outside the measurement. */
    @Setup
    public void setUp() {
        json = JsonCodec.tree();
        jsonDecoder = json.newDecoder();
        Codec<StructReader> struct = CodecRegistry.installed().create("struct",
                SeedRecordBenchmark.FORMAT, StructReader.class);
        structDecoder = struct.newDecoder();
        byte[] document = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        jsonPayload = ByteBuffer.allocateDirect(document.length).put(document).flip();
        byte[] record = Struct.pack(SeedRecordBenchmark.FORMAT, 1, new byte[] {'a', 'b'}, 2, 3, 3, 2.5);
        structPayload = ByteBuffer.allocateDirect(record.length).put(record).flip();
    }

    /**
     * JSON through the codec's single-thread decoder (a reused scratch array), to a tree.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void jsonTreeDecoder(Blackhole bh) {
        JsonNode node = jsonDecoder.decode(jsonPayload);
        bh.consume(node.get("id").longValue());
        bh.consume(node.get("seq").longValue());
        bh.consume(node.get("v").doubleValue());
    }

    /**
     * JSON through the thread-safe {@code decode}, to a tree.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void jsonTreeDecode(Blackhole bh) {
        JsonNode node = json.decode(jsonPayload);
        bh.consume(node.get("id").longValue());
        bh.consume(node.get("seq").longValue());
        bh.consume(node.get("v").doubleValue());
    }

    /**
     * The same values from the struct codec's flyweight decoder, for comparison.
     *
     * @param bh consumes the fields
     */
    @Benchmark
    public void structFlyweightDecoder(Blackhole bh) {
        StructReader record = structDecoder.decode(structPayload);
        bh.consume(record.getLong(0));
        bh.consume(record.getLong(2));
        bh.consume(record.getDouble(5));
    }
}
