package io.udpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.IoMode;
import io.udpkit.core.LoopbackWarmupReport;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.core.UdpEndpoint;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The warm-up pass's parts as udp-server runs them, with its reply path and a stand-in. */
@Timeout(60)
class StartupWarmupTest {

    private static final String RECIPE = "! I 2s Q 2h f";

    @SuppressWarnings("unchecked")
    private static Codec<Object> recipe() {
        return (Codec<Object>) CodecRegistry.installed().create("struct", RECIPE);
    }

    @Test
    void theLoopbackPartAndTheSyntheticPartBothRunThroughTheReplyPathAndTheStandIn() throws Exception {
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0).build();
        AtomicInteger standIn = new AtomicInteger();

        StartupWarmup.Outcome outcome = StartupWarmup.run(config, recipe(), ReplyPolicy.ECHO, 3_000,
                (value, datagram) -> standIn.incrementAndGet());

        assertEquals(StartupWarmup.SEGMENTS, outcome.loopback().size(), "one private socket per segment");
        String path;
        try (UdpEndpoint endpoint = UdpEndpoint.open(config)) {
            path = endpoint.ioPath();
        }
        long decoded = 0;
        long sent = 0;
        Set<Integer> ports = new HashSet<>();
        for (LoopbackWarmupReport loopback : outcome.loopback()) {
            TransportStats real = loopback.stats();
            assertEquals(path, loopback.ioPath(), "the path the server will serve on");
            assertEquals(loopback.sent(), real.received(), real.toJson());
            assertEquals(real.received(), real.decoded() + real.undecodable(), real.toJson());
            assertTrue(real.undecodable() <= real.received() / 64 + 1, real.toJson());
            assertEquals(real.received(), real.replied(), "echo answers every datagram: " + real.toJson());
            assertEquals(real.replied(), loopback.repliesRead(), "and each answer came back");
            ports.add(loopback.localAddress().getPort());
            decoded += real.decoded();
            sent += loopback.sent();
        }
        assertTrue(sent > 0 && sent <= 3_000, "sent " + sent);
        assertEquals(StartupWarmup.SEGMENTS, ports.size(), "a fresh socket per segment");
        long synthetic = 0;
        for (TransportStats part : outcome.synthetic()) {
            synthetic += part.received();
            decoded += part.decoded();
        }
        int rounds = outcome.synthetic().size() / StartupWarmup.SEGMENTS;
        assertTrue(rounds >= 1 && rounds <= StartupWarmup.MAX_SYNTHETIC_ROUNDS, "rounds " + rounds);
        assertEquals(StartupWarmup.SEGMENTS * rounds, outcome.synthetic().size());
        assertEquals(3_000L * rounds, synthetic, "every round drives the full count");
        assertEquals(decoded, standIn.get(), "the stand-in saw every decoded record of both parts");
    }

    @Test
    void withoutAPrivateSocketOnlyTheSyntheticPartRuns() {
        // io=batch cannot run before JDK 22, so no private socket of that path can be opened.
        assumeTrue(Runtime.version().feature() < 22, "the batch path may run on this JDK");
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .io(IoMode.BATCH).build();
        AtomicInteger standIn = new AtomicInteger();

        StartupWarmup.Outcome outcome = StartupWarmup.run(config, recipe(), ReplyPolicy.ECHO, 1_000,
                (value, datagram) -> standIn.incrementAndGet());

        assertTrue(outcome.loopback().isEmpty());
        long received = 0;
        long decoded = 0;
        for (TransportStats part : outcome.synthetic()) {
            received += part.received();
            decoded += part.decoded();
        }
        int rounds = outcome.synthetic().size() / StartupWarmup.SEGMENTS;
        assertTrue(rounds >= 1, "rounds " + rounds);
        assertEquals(1_000L * rounds, received);
        assertEquals(decoded, standIn.get());
        assertTrue(decoded >= rounds * (1_000 - 1_000 / 64 - StartupWarmup.SEGMENTS), "decoded " + decoded);
    }

    @Test
    void theSegmentsShareTheCountExactly() {
        for (int datagrams : new int[] {1, 2, 3, 1_000, 20_000}) {
            int sum = 0;
            for (int segment = 0; segment < StartupWarmup.SEGMENTS; segment++) {
                sum += StartupWarmup.share(datagrams, segment);
            }
            assertEquals(datagrams, sum);
        }
    }
}
