package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One port, several sockets (SO_REUSEPORT), one receive loop each: every datagram is received by
 * exactly one loop, stopping stops them all, and a failing handler in one loop leaves the others
 * serving.
 */
class MultiLoopTest {

    private static final int LOOPS = 2;
    private static final int SENDERS = 64;

    private static TransportConfig config() {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0).threads(LOOPS)
                .io(IoMode.NIO).receiveBufferSize(1 << 20).build();
    }

    private static CompletableFuture<StopReason> serveInBackground(UdpEndpoint endpoint,
            java.util.function.IntFunction<DatagramHandler<ByteBuffer>> handlers) {
        CompletableFuture<StopReason> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(endpoint.serve(RawCodec.INSTANCE, handlers));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "udp-serve");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    @Test
    void datagramsFromManySourcePortsAreCountedOnceAcrossTheLoops() throws Exception {
        Set<String> loopThreads = ConcurrentHashMap.newKeySet();
        List<LoopbackPeer> peers = new ArrayList<>();
        try (UdpEndpoint server = UdpEndpoint.open(config())) {
            CompletableFuture<StopReason> serving = serveInBackground(server, loop ->
                    (payload, datagram) -> {
                        loopThreads.add(Thread.currentThread().getName());
                        datagram.reply(payload);
                    });
            for (int i = 0; i < SENDERS; i++) {
                peers.add(new LoopbackPeer());
            }
            InetSocketAddress to = server.localAddress();
            for (int round = 0; round < 10; round++) {
                for (LoopbackPeer peer : peers) {
                    peer.send(to, new byte[] {(byte) round});
                }
            }
            for (LoopbackPeer peer : peers) {
                for (int round = 0; round < 10; round++) {
                    assertEquals(round, peer.receive(Duration.ofSeconds(5))[0]);
                }
            }
            TransportStats total = awaitStats(server, s -> s.replied() == SENDERS * 10);
            assertEquals(SENDERS * 10, total.received());
            List<TransportStats> perLoop = server.loopStats();
            assertEquals(LOOPS, perLoop.size());
            assertEquals(total.received(), perLoop.get(0).received() + perLoop.get(1).received());
            // 64 source ports all hashed to one socket has odds of 2^-63.
            assertTrue(perLoop.get(0).received() > 0 && perLoop.get(1).received() > 0,
                    "both loops served: " + perLoop);
            assertEquals(LOOPS, loopThreads.size(), "one thread per loop: " + loopThreads);
            server.stop();
            assertEquals(StopReason.STOPPED, serving.get(5, TimeUnit.SECONDS));
        } finally {
            peers.forEach(LoopbackPeer::close);
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            assertFalse(thread.getName().startsWith("udp-loop-") && thread.isAlive()
                    && loopThreads.contains(thread.getName()), "loop thread still alive: "
                    + thread.getName());
        }
    }

    @Test
    void aHandlerFailingInOneLoopLeavesTheOthersServing() throws Exception {
        List<LoopbackPeer> peers = new ArrayList<>();
        try (UdpEndpoint server = UdpEndpoint.open(config())) {
            CompletableFuture<StopReason> serving = serveInBackground(server, loop -> loop == 0
                    ? (payload, datagram) -> {
                        throw new IllegalStateException("loop 0's handler always fails");
                    }
                    : (payload, datagram) -> datagram.reply(payload));
            for (int i = 0; i < SENDERS; i++) {
                peers.add(new LoopbackPeer());
                peers.get(i).send(server.localAddress(), new byte[] {7});
            }
            TransportStats total = awaitStats(server, s -> s.received() == SENDERS);
            List<TransportStats> perLoop = server.loopStats();
            assertEquals(perLoop.get(0).received(), perLoop.get(0).handlerErrors());
            assertEquals(perLoop.get(1).received(), awaitStats(server,
                    s -> s.replied() == server.loopStats().get(1).received()).replied());
            assertEquals(SENDERS, total.received());
            assertFalse(serving.isDone(), "a handler error ends no loop");
            server.stop();
            assertEquals(StopReason.STOPPED, serving.get(5, TimeUnit.SECONDS));
        } finally {
            peers.forEach(LoopbackPeer::close);
        }
    }

    @Test
    void closeAndIdleTimeoutEndEveryLoop() throws Exception {
        UdpEndpoint server = UdpEndpoint.open(config().toBuilder()
                .idleTimeout(Duration.ofMillis(300)).build());
        assertEquals(StopReason.IDLE_TIMEOUT, server.serve(RawCodec.INSTANCE,
                (payload, datagram) -> { }));
        CompletableFuture<StopReason> serving = serveInBackground(server,
                loop -> (payload, datagram) -> { });
        Thread.sleep(50);
        server.close();
        assertEquals(StopReason.CLOSED, serving.get(5, TimeUnit.SECONDS));
    }

    @Test
    void laterSocketsJoinThePortTheKernelChose() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(config())) {
            assertTrue(server.localAddress().getPort() > 0);
            assertTrue(server.toString().contains("2 loops"), server.toString());
        }
    }

    private static TransportStats awaitStats(UdpEndpoint endpoint,
            java.util.function.Predicate<TransportStats> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        TransportStats stats = endpoint.stats();
        while (!condition.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            stats = endpoint.stats();
        }
        assertTrue(condition.test(stats), "condition never held: " + stats);
        return stats;
    }
}
