package io.udpkit.server.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.DropReason;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkException;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.SinkRegistry;
import io.udpkit.core.SinkStats;
import io.udpkit.testkit.SinkContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The udp-json sink keeps the sink contract against a real socket on loopback. */
class UdpJsonSinkContractTest extends SinkContract {

    private static final String FORMAT = "!Q2sd";
    private DatagramChannel target;
    private final List<String> received = new ArrayList<>();

    @AfterEach
    void closeTarget() throws IOException {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected Sink<?> newSink() throws IOException {
        closeTarget();
        received.clear();
        target = DatagramChannel.open();
        target.bind(new InetSocketAddress("127.0.0.1", 0));
        target.configureBlocking(false);
        InetSocketAddress address = (InetSocketAddress) target.getLocalAddress();
        return SinkRegistry.installed().create("udp-json", "127.0.0.1:" + address.getPort());
    }

    @Override
    protected Codec<?> codec() {
        return CodecRegistry.installed().create("struct", FORMAT);
    }

    @Override
    protected List<byte[]> payloads() {
        return List.of(StdoutSinkContractTest.record(-1L, "ab", Double.NaN),
                StdoutSinkContractTest.record(3, "\0\u00ff", -0.0));
    }

    @Override
    protected List<String> destinationRecords() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        while (target.receive(buffer.clear()) != null) {
            buffer.flip();
            received.add(UTF_8.decode(buffer).toString());
        }
        return received;
    }

    @Test
    void aDocumentLargerThanOneDatagramIsDroppedAsTooLarge() throws Exception {
        SinkQueue<?> queue = SinkQueue.start("udp-json", newSink());
        queue.offer("\u00ff".repeat(20_000), ByteBuffer.allocate(0), SENDER, ARRIVAL_MILLIS);
        SinkStats stats = queue.close(Duration.ofSeconds(10));
        assertEquals(1, stats.dropped(DropReason.TOO_LARGE), stats.toJson());
    }

    @Test
    void specIsOneExplicitUnicastHostAndPort() {
        SinkRegistry registry = SinkRegistry.installed();
        assertEquals("udp-json sink: spec needs HOST:PORT, got 'x'",
                assertThrows(SinkException.class, () -> registry.create("udp-json", "x")).getMessage());
        assertEquals("udp-json sink: port out of range: 0",
                assertThrows(SinkException.class, () -> registry.create("udp-json", "127.0.0.1:0")).getMessage());
        assertEquals("udp-json sink: forward target must be an explicit host, not the wildcard 0.0.0.0",
                assertThrows(SinkException.class, () -> registry.create("udp-json", "0.0.0.0:9")).getMessage());
    }
}
