package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.LoopbackPeer;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every idle strategy serves, honours the idle timeout and stops on request. */
class IdleStrategyTest {

    @ParameterizedTest
    @EnumSource(IdleStrategy.class)
    void servesStopsAndTimesOut(IdleStrategy idle) throws Exception {
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .idleStrategy(idle).build();
        try (UdpEndpoint server = UdpEndpoint.open(config);
                LoopbackPeer peer = new LoopbackPeer()) {
            try (BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE,
                    (payload, datagram) -> datagram.reply(payload))) {
                peer.send(server.localAddress(), new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, peer.receive(Duration.ofSeconds(5)));
                server.stop();
                assertEquals(StopReason.STOPPED, loop.awaitResult());
            }
        }
        try (UdpEndpoint server = UdpEndpoint.open(config.toBuilder()
                .idleTimeout(Duration.ofMillis(200)).build())) {
            assertEquals(StopReason.IDLE_TIMEOUT, server.serve(RawCodec.INSTANCE,
                    (payload, datagram) -> { }));
        }
    }
}
