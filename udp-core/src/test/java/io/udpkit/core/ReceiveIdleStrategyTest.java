package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.LoopbackPeer;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link IdleStrategy#RECEIVE} on the NIO path: the loop sleeps in a blocking receive, every
 * datagram is a batch of its own, {@code stop()} wakes it with a datagram nobody sees, and the
 * endpoint serves again afterwards, blocking or not.
 */
class ReceiveIdleStrategyTest {

    private static TransportConfig.Builder receiving() {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0).io(IoMode.NIO)
                .idleStrategy(IdleStrategy.RECEIVE).receiveBufferSize(1 << 20);
    }

    /** Echoes, and counts its batch ends. */
    private static final class EchoCountingBatches implements DatagramHandler<ByteBuffer> {

        final AtomicInteger batchEnds = new AtomicInteger();

        @Override
        public void onMessage(ByteBuffer payload, InboundDatagram datagram) throws Exception {
            datagram.reply(payload);
        }

        @Override
        public void onBatchEnd() {
            batchEnds.incrementAndGet();
        }
    }

    @Test
    void everySenderIsAnsweredEachDatagramIsABatchAndWakesAreNotCounted() throws Exception {
        int perPeer = 200;
        EchoCountingBatches handler = new EchoCountingBatches();
        List<LoopbackPeer> peers = new ArrayList<>();
        try (UdpEndpoint server = UdpEndpoint.open(receiving().build())) {
            for (int i = 0; i < 3; i++) {
                peers.add(new LoopbackPeer());
            }
            for (int round = 0; round < 2; round++) {
                try (BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, handler)) {
                    for (int n = 0; n < perPeer; n++) {
                        for (int p = 0; p < peers.size(); p++) {
                            peers.get(p).send(server.localAddress(), new byte[] {(byte) p, (byte) n});
                        }
                    }
                    for (int n = 0; n < perPeer; n++) {
                        for (int p = 0; p < peers.size(); p++) {
                            assertArrayEquals(new byte[] {(byte) p, (byte) n},
                                    peers.get(p).receive(Duration.ofSeconds(5)));
                        }
                    }
                    long expected = (long) (round + 1) * perPeer * peers.size();
                    loop.awaitStats(s -> s.replied() == expected);
                    // Asleep in recvfrom by now (nothing queued): stop() must still end it.
                    Thread.sleep(50);
                    server.stop();
                    assertEquals(StopReason.STOPPED, loop.awaitResult());
                    TransportStats stats = server.stats();
                    assertEquals(expected, stats.received(), "wake datagrams are not datagrams");
                    assertEquals(expected, stats.decoded());
                    assertEquals(expected, handler.batchEnds.get(), "one batch per datagram");
                }
            }
        } finally {
            peers.forEach(LoopbackPeer::close);
        }
    }

    @Test
    void afterABlockingServeTheSelectorPathServesAgain() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(receiving().build());
                LoopbackPeer peer = new LoopbackPeer()) {
            echoOnceThenStop(server, peer, (byte) 1);
            // Queued while no loop runs; an endpoint with an idle timeout meanwhile waits as
            // BLOCK does and times out; then the first socket serves again.
            AtomicInteger empties = new AtomicInteger();
            peer.send(server.localAddress(), new byte[] {2});
            try (UdpEndpoint timed = UdpEndpoint.open(receiving()
                    .idleTimeout(Duration.ofMillis(300)).build())) {
                assertEquals(StopReason.IDLE_TIMEOUT, timed.serve(RawCodec.INSTANCE,
                        (payload, datagram) -> { }));
            }
            try (BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE,
                    (payload, datagram) -> {
                        if (!payload.hasRemaining()) {
                            empties.incrementAndGet();
                        }
                        datagram.reply(payload);
                    })) {
                assertArrayEquals(new byte[] {2}, peer.receive(Duration.ofSeconds(5)));
                server.stop();
                assertEquals(StopReason.STOPPED, loop.awaitResult());
            }
            assertEquals(0, empties.get(), "no wake datagram reached a handler");
            assertEquals(2, server.stats().received());
        }
    }

    @Test
    void loopsSharingAPortWaitAsBlockAndStop() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(receiving().threads(2).build());
                LoopbackPeer peer = new LoopbackPeer()) {
            echoOnceThenStop(server, peer, (byte) 3);
        }
    }

    /** Serves an echo in the background, has one byte echoed, then stops the loop. */
    private static void echoOnceThenStop(UdpEndpoint server, LoopbackPeer peer, byte value)
            throws Exception {
        try (BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE,
                (payload, datagram) -> datagram.reply(payload))) {
            peer.send(server.localAddress(), new byte[] {value});
            assertArrayEquals(new byte[] {value}, peer.receive(Duration.ofSeconds(5)));
            server.stop();
            assertEquals(StopReason.STOPPED, loop.awaitResult());
        }
    }

    @Test
    void interruptingTheBlockedLoopClosesTheSocketAsNioDoes() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(receiving().build())) {
            BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE,
                    (payload, datagram) -> { });
            Thread.sleep(100);
            loop.thread().interrupt();
            AssertionError failure = assertThrows(AssertionError.class, loop::awaitResult);
            Throwable cause = failure.getCause();
            while (cause != null && !(cause instanceof ClosedByInterruptException)) {
                cause = cause.getCause();
            }
            assertInstanceOf(ClosedByInterruptException.class, cause, String.valueOf(failure.getCause()));
            assertEquals(0, server.stats().received());
        }
    }
}
