package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.CapturedLog;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rate limiting through real sockets. The endpoint's clock is a counter the test moves, so the
 * counts are exact whatever the machine's speed: no token refills during a burst.
 */
class RateLimitingTest {

    private static final DatagramHandler<ByteBuffer> IGNORE = (payload, datagram) -> { };

    private final AtomicLong clock = new AtomicLong();

    private UdpEndpoint open(TransportConfig config) throws Exception {
        return UdpEndpoint.open(config, clock::get);
    }

    private static TransportConfig.Builder limited(int rate, int sources) {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .receiveBufferSize(2 << 20)
                .maxPacketsPerSecondPerSource(rate)
                .rateLimiterSources(sources);
    }

    @Test
    void burstFromOneSourceBeyondItsRateIsCountedExactly() throws Exception {
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = open(limited(10, 64).build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, IGNORE);
                LoopbackPeer peer = new LoopbackPeer()) {
            for (int i = 0; i < 50; i++) {
                peer.send(server.localAddress(), new byte[] {(byte) i});
            }
            TransportStats stats = loop.awaitStats(s -> s.rateLimited() + s.decoded() == 50);
            assertEquals(40, stats.rateLimited());
            assertEquals(10, stats.decoded());
            assertEquals(50, stats.received());
            // The warning names the option a CLI user sets, not only the builder's name.
            List<String> warnings = log.messages(Level.WARN);
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("datagram dropped: its source"
                    + " exceeds the per-source rate limit of 10 datagrams per second"
                    + " (udp-server --max-pps-per-source; TransportConfig"
                    + " maxPacketsPerSecondPerSource) from 127.0.0.1:")), warnings.toString());
        }
    }

    @Test
    void manySourcesKeepTheTableSizeFixedAndCountExactly() throws Exception {
        int sockets = 2000;
        int batch = 100;
        int burst = 3;
        int rate = 2;
        int tableSize = 256;
        Set<Integer> ports = new HashSet<>();
        UdpEndpoint server = open(limited(rate, tableSize).build());
        try (BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, IGNORE)) {
            InetSocketAddress target = server.localAddress();
            byte[] payload = {42};
            for (int first = 0; first < sockets; first += batch) {
                List<DatagramSocket> open = new ArrayList<>(batch);
                try {
                    for (int i = 0; i < batch; i++) {
                        DatagramSocket socket = new DatagramSocket(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                        open.add(socket);
                        ports.add(socket.getLocalPort());
                        // Each source's burst is sent in one go, so it arrives contiguously.
                        for (int k = 0; k < burst; k++) {
                            socket.send(new DatagramPacket(payload, 1, target));
                        }
                    }
                    long expected = (long) (first + batch) * burst;
                    loop.awaitStats(s -> s.received() == expected);
                } finally {
                    open.forEach(DatagramSocket::close);
                }
                // A port reused by a later batch starts afresh rather than with an empty bucket.
                clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
            }
            server.stop();
            assertEquals(StopReason.STOPPED, loop.awaitResult());
        } finally {
            server.close();
        }
        TransportStats stats = server.stats();
        assertEquals((long) sockets * burst, stats.received());
        assertEquals((long) sockets * (burst - rate), stats.rateLimited());
        assertEquals((long) sockets * rate, stats.decoded());
        SourceRateLimiter limiter = server.rateLimiter();
        assertEquals(tableSize, limiter.capacity());
        assertTrue(limiter.trackedSources() <= tableSize);
        assertTrue(ports.size() > tableSize, "distinct source ports: " + ports.size());
        assertTrue(limiter.evictions() > 0, "evictions: " + limiter.evictions());
    }
}
