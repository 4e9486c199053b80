package io.udpkit.server.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkException;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.SinkStats;
import io.udpkit.testkit.SinkContract;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The stdout sink keeps the sink contract, and writes what {@code --output json} prints. */
class StdoutSinkContractTest extends SinkContract {

    private static final String FORMAT = "!Q2sd";
    private StringWriter text = new StringWriter();

    @Override
    protected Sink<?> newSink() {
        text = new StringWriter();
        return StdoutSink.to(new PrintWriter(text), LineFormat.JSON);
    }

    @Override
    protected Codec<?> codec() {
        return CodecRegistry.installed().create("struct", FORMAT);
    }

    @Override
    protected List<byte[]> payloads() {
        return List.of(record(-1L, "ab", Double.NaN), record(3, "\0\u00ff", Double.POSITIVE_INFINITY));
    }

    @Override
    protected List<String> destinationRecords() {
        synchronized (text.getBuffer()) {
            return text.toString().lines().collect(Collectors.toList());
        }
    }

    @Test
    void linesAreWhatOutputJsonPrints() throws Exception {
        deliversEveryValueExactlyOnceAndCountsIt();
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"values\":[18446744073709551615,\"ab\",NaN]}",
                destinationRecords().get(0));
        assertEquals("{\"from\":\"127.0.0.1:5555\",\"values\":[3,\"\\u0000\\u00ff\",Infinity]}",
                destinationRecords().get(1));
    }

    @Test
    void aBrokenStandardOutputFailsItsLinesAndTheSinkStopsWriting() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void flush() throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void close() {
            }
        };
        SinkQueue<?> queue = SinkQueue.start("stdout", StdoutSink.to(new PrintWriter(broken), LineFormat.TEXT));
        for (int i = 0; i < 5; i++) {
            queue.offer("x", ByteBuffer.allocate(0), SENDER, ARRIVAL_MILLIS);
        }
        SinkStats stats = queue.close(Duration.ofSeconds(10));
        assertEquals(5, stats.failed(), stats.toJson());
        assertEquals(0, stats.delivered() + stats.dropped(DropReason.QUEUE_FULL), stats.toJson());
    }

    @Test
    void specIsTextJsonOrJsonStrict() {
        assertEquals(LineFormat.TEXT, StdoutSinkProvider.format(""));
        assertEquals(LineFormat.JSON, StdoutSinkProvider.format("JSON"));
        SinkException e = assertThrows(SinkException.class, () -> StdoutSinkProvider.format("xml"));
        assertEquals("stdout sink: spec must be text, json or json-strict, got 'xml'", e.getMessage());
        assertEquals(LineFormat.JSON_STRICT, StdoutSinkProvider.format("json-strict"));
    }

    static byte[] record(long u64, String twoBytes, double d) {
        ByteBuffer buffer = ByteBuffer.allocate(18).order(ByteOrder.BIG_ENDIAN);
        buffer.putLong(u64).put(twoBytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).putDouble(d);
        return buffer.array();
    }
}
