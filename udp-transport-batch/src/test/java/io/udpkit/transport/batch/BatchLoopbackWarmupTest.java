package io.udpkit.transport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.Codec;
import io.udpkit.core.Decoder;
import io.udpkit.core.IoMode;
import io.udpkit.core.LoopWarmup;
import io.udpkit.core.LoopbackWarmupReport;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.core.UdpEndpoint;
import io.udpkit.core.testing.CountingEcho;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The warm-up's loopback part on the batch path: its private socket is a batch socket, so
 * recvmmsg, sendmmsg and epoll_wait run under real traffic before the server's socket serves.
 */
@Timeout(60)
class BatchLoopbackWarmupTest {

    /** Small enough that the pass sends some datagrams larger than it (one in 256). */
    private static final int MAX_DATAGRAM = 100;
    private static final Duration LIMIT = Duration.ofSeconds(20);

    /** {@link FourByteCodec} with a sample payload, which the warm-up needs. */
    private static final Codec<ByteBuffer> SAMPLED = new Codec<>() {
        @Override
        public ByteBuffer decode(ByteBuffer payload) {
            return FourByteCodec.INSTANCE.decode(payload);
        }

        @Override
        public void encode(ByteBuffer value, ByteBuffer out) {
            FourByteCodec.INSTANCE.encode(value, out);
        }

        @Override
        public Decoder<ByteBuffer> newDecoder() {
            return FourByteCodec.INSTANCE.newDecoder();
        }

        @Override
        public Optional<ByteBuffer> samplePayload() {
            return Optional.of(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        }
    };


    private static TransportConfig.Builder config(IoMode io) {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0).io(io).maxDatagramSize(MAX_DATAGRAM);
    }

    @Test
    void realDatagramsGoThroughAPrivateBatchSocketAndTheRepliesComeBack() throws Exception {
        CountingEcho<ByteBuffer> handler = new CountingEcho<>();
        int datagrams = 3_000;

        LoopbackWarmupReport report = LoopWarmup.runOnLoopback(config(IoMode.BATCH).build(), SAMPLED,
                handler, datagrams, LIMIT).orElseThrow();

        TransportStats stats = report.stats();
        assertEquals("batch", report.ioPath());
        assertEquals(datagrams, report.sent(), "all sent well within the limit");
        assertEquals(datagrams, stats.received(), stats.toJson());
        // Datagram n is too large when n % 256 == 128, a byte short when n % 64 == 63.
        long oversized = (datagrams + 127) / 256;
        assertEquals(oversized, stats.truncated(), "MSG_TRUNC seen: " + stats.toJson());
        assertEquals(datagrams / 64, stats.undecodable(), stats.toJson());
        assertEquals(datagrams - oversized, stats.decoded() + stats.undecodable(), stats.toJson());
        assertEquals(stats.decoded() + stats.undecodable(), handler.handled());
        assertEquals(handler.handled(), stats.replied(), "sendmmsg sent every answer");
        assertEquals(stats.replied(), report.repliesRead(), "and each came back to its sender");
        assertTrue(handler.batches.get() < datagrams - oversized,
                "some receives took more than one datagram: " + handler.batches.get() + " batches");
        assertEquals(0, stats.handlerErrors(), stats.toJson());
    }

    @Test
    void autoWarmsTheBatchPathOnItsOwnPortAndTheServerStartsAtZero() throws Exception {
        TransportConfig config = config(IoMode.AUTO).build();

        LoopbackWarmupReport report = LoopWarmup.runOnLoopback(config, SAMPLED, new CountingEcho<ByteBuffer>(), 500, LIMIT)
                .orElseThrow();

        assertEquals("batch", report.ioPath());
        assertEquals(500, report.stats().received());
        try (UdpEndpoint server = UdpEndpoint.open(config)) {
            assertNotEquals(report.localAddress().getPort(), server.localAddress().getPort());
            TransportStats stats = server.stats();
            assertEquals(0, stats.received() + stats.decoded() + stats.undecodable() + stats.replied()
                    + stats.truncated() + stats.handlerErrors(), stats.toJson());
        }
    }
}
