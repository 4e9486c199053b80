package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import io.udpkit.core.testing.CountingEcho;
import io.udpkit.core.testing.SevenByteCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loopback part of the warm-up on the NIO path, with real sockets on 127.0.0.1. */
@Timeout(60)
class LoopbackWarmupTest {

    private static final int SAMPLE_LENGTH = SevenByteCodec.LENGTH;
    /** Small enough that the pass sends some datagrams larger than it. */
    private static final int MAX_DATAGRAM = 100;
    /** Generous: these tests pin counts, not speed; the pass ends as soon as it has sent them. */
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static Codec<Integer> sevenBytes(boolean withSample) {
        return SevenByteCodec.create(withSample);
    }

    private static TransportConfig.Builder nio() {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0).io(IoMode.NIO)
                .maxDatagramSize(MAX_DATAGRAM);
    }

    @Test
    void realDatagramsGoThroughAPrivateNioSocketAndTheRepliesComeBack() throws IOException {
        CountingEcho<Integer> handler = new CountingEcho<>();
        int datagrams = 2_000;

        LoopbackWarmupReport report = LoopWarmup.runOnLoopback(nio().build(), sevenBytes(true),
                handler, datagrams, LIMIT).orElseThrow();

        TransportStats stats = report.stats();
        assertEquals("nio", report.ioPath());
        assertTrue(report.localAddress().getAddress().isLoopbackAddress(), report.localAddress().toString());
        assertEquals(datagrams, report.sent(), "all sent well within the limit");
        assertEquals(report.sent(), stats.received(), stats.toJson());
        int oversized = (datagrams + WarmupTraffic.OVERSIZED_EVERY / 2 - 1) / WarmupTraffic.OVERSIZED_EVERY;
        assertEquals(oversized, stats.truncated(), stats.toJson());
        assertEquals(datagrams / WarmupTraffic.SHORT_EVERY, stats.undecodable(), stats.toJson());
        assertEquals(datagrams - oversized, stats.decoded() + stats.undecodable(), stats.toJson());
        assertEquals(stats.decoded(), handler.messages.get());
        assertEquals(stats.undecodable(), handler.rejected.get());
        assertTrue(handler.batches.get() > 0, "onBatchEnd is part of the warmed path");
        assertEquals(stats.decoded() + stats.undecodable(), stats.replied(), "every handled one answered");
        assertEquals(stats.replied(), report.repliesRead(), "every reply read back by a sender");
        assertEquals(0, stats.handlerErrors(), stats.toJson());
    }

    @Test
    void theConfiguredPortIsNeverTouched() throws IOException {
        try (DatagramChannel serversPort = DatagramChannel.open()) {
            serversPort.bind(new InetSocketAddress("127.0.0.1", 0));
            serversPort.configureBlocking(false);
            int port = ((InetSocketAddress) serversPort.getLocalAddress()).getPort();

            LoopbackWarmupReport report = LoopWarmup.runOnLoopback(nio().bindAddress("127.0.0.1", port)
                    .build(), sevenBytes(true), new CountingEcho<>(), 500, LIMIT).orElseThrow();

            assertNotEquals(port, report.localAddress().getPort());
            assertEquals(500, report.stats().received(), "the pass ran on its own port");
            assertNull(serversPort.receive(ByteBuffer.allocate(MAX_DATAGRAM + 1)),
                    "nothing reached the configured port");
        }
    }

    @Test
    void aPrivateSocketThatGetsNoTrafficEndsAtTheLimit() throws IOException {
        try (DatagramChannel elsewhere = DatagramChannel.open()) {
            elsewhere.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress blackHole = (InetSocketAddress) elsewhere.getLocalAddress();
            CountingEcho<Integer> handler = new CountingEcho<>();
            // The limit counts from the start, opening the sockets included: load those classes
            // first, so that a cold JVM does not spend the whole limit before the first send.
            LoopWarmup.runOnLoopback(nio().build(), sevenBytes(true), new CountingEcho<>(), 10, LIMIT);

            LoopbackWarmupReport report = LoopWarmup.runOnLoopback(nio().build(), sevenBytes(true),
                    handler, 1_000_000, Duration.ofMillis(500), ignored -> blackHole).orElseThrow();

            assertEquals(0, report.stats().received());
            assertEquals(0, handler.messages.get() + handler.rejected.get());
            assertTrue(report.sent() > 0 && report.sent() < 1_000_000,
                    "it stopped sending at the limit, not at the count: " + report.sent());
        }
    }

    @Test
    void aCodecWithoutASampleRunsNothing() throws IOException {
        CountingEcho<Integer> handler = new CountingEcho<>();

        assertTrue(LoopWarmup.runOnLoopback(nio().build(), sevenBytes(false), handler, 1_000, LIMIT)
                .isEmpty());
        assertEquals(0, handler.messages.get() + handler.rejected.get());
    }

    @Test
    void aPathThatCannotRunIsAnIoExceptionNotAFallbackToAnother() {
        // udp-core's tests have no batch module on the class path.
        IOException e = assertThrows(IOException.class, () -> LoopWarmup.runOnLoopback(
                nio().io(IoMode.BATCH).build(), sevenBytes(true), new CountingEcho<>(), 100, LIMIT));
        assertTrue(e.getMessage().startsWith("io=batch is not available"), e.getMessage());
    }

    @Test
    void negativeArgumentsAreRejected() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> LoopWarmup.runOnLoopback(nio().build(), sevenBytes(true), new CountingEcho<>(), -1, LIMIT));
        assertEquals("warm-up datagrams must not be negative: -1", count.getMessage());
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> LoopWarmup.runOnLoopback(nio().build(), sevenBytes(true), new CountingEcho<>(), 1,
                        Duration.ofSeconds(-1)));
        assertEquals("warm-up time limit must not be negative: PT-1S", limit.getMessage());
    }
}
