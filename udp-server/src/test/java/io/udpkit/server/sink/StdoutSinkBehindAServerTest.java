package io.udpkit.server.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.cli.StandardOutput;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.server.Loopback;
import io.udpkit.server.UdpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@code stdout} sink behind a real server (what {@code --output} uses): one write per
 * drained batch, and a write failure stops the server once.
 */
class StdoutSinkBehindAServerTest {

    /** Counts the writes that reach it, as {@code write(2)} calls would be counted. */
    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;
        boolean fail;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (fail) {
                throw new IOException("Broken pipe");
            }
            writes++;
            bytes.write(b, off, len);
        }
    }

    private static UdpServer<Object> server(StdoutSink sink) throws IOException {
        return UdpServer.builder()
                .config(TransportConfig.builder().bindAddress("127.0.0.1", 0)
                        .receiveBufferSize(1 << 20).idleTimeout(Duration.ofMillis(300)).build())
                .codec("raw").sink("stdout", sink).open();
    }

    private static void send(UdpServer<?> server, int count) throws IOException {
        try (DatagramChannel peer = Loopback.peer()) {
            for (int i = 0; i < count; i++) {
                peer.send(ByteBuffer.wrap(("d" + i).getBytes(StandardCharsets.US_ASCII)),
                        new InetSocketAddress(Loopback.address(), server.localAddress().getPort()));
            }
        }
    }

    @Test
    void aQueuedBurstIsWrittenOncePerBatchNotOncePerLine() throws Exception {
        CountingStream stream = new CountingStream();
        StandardOutput out = StandardOutput.over(stream);
        AtomicInteger stops = new AtomicInteger();
        StdoutSink sink = StdoutSink.to(out, LineFormat.TEXT).onFailure(stops::incrementAndGet);
        int count = 256;
        try (UdpServer<Object> server = server(sink)) {
            send(server, count); // all queued before the loop runs
            assertEquals(StopReason.IDLE_TIMEOUT, server.serve());
            assertEquals(count, server.stats().decoded());
        }
        assertFalse(sink.failed());
        String printed = stream.bytes.toString(StandardCharsets.UTF_8);
        assertEquals(count, printed.lines().count(), printed);
        assertTrue(printed.startsWith("b'd0'\nb'd1'\n"), printed);
        int batches = (count + TransportConfig.DEFAULT_BATCH_SIZE - 1)
                / TransportConfig.DEFAULT_BATCH_SIZE;
        assertTrue(stream.writes <= batches + 1, stream.writes + " writes for " + count
                + " lines in " + batches + " batches of " + TransportConfig.DEFAULT_BATCH_SIZE);
        assertEquals(0, stops.get());
    }

    @Test
    void aWriteErrorStopsTheServerOnceAndPrintingEnds() throws Exception {
        CountingStream stream = new CountingStream();
        stream.fail = true;
        StandardOutput out = StandardOutput.over(stream);
        AtomicInteger stops = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<UdpServer<Object>> holder =
                new java.util.concurrent.atomic.AtomicReference<>();
        StdoutSink sink = StdoutSink.to(out, LineFormat.TEXT).onFailure(() -> {
            stops.incrementAndGet();
            holder.get().stop();
        });
        try (UdpServer<Object> server = server(sink)) {
            holder.set(server);
            send(server, 10);
            assertEquals(StopReason.STOPPED, server.serve(), "stopped, not idle");
        }
        assertTrue(sink.failed());
        assertEquals(1, stops.get());
        assertEquals("Broken pipe", out.failure().getMessage());
    }
}
