package io.udpkit.transport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.IoMode;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import io.udpkit.core.spi.DatagramSocketIo;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The batch path's blocking receive and its wake-up: {@code wakeup()} sends the socket an empty
 * datagram from a private socket, which ends a wait inside {@code recvmmsg} and is then taken out
 * of what the caller sees, wherever it falls in a batch.
 */
class BatchWakeupTest {

    private static DatagramSocketIo open(int batchSize) throws Exception {
        return open("127.0.0.1", batchSize);
    }

    private static DatagramSocketIo open(String host, int batchSize) throws Exception {
        TransportConfig config = TransportConfig.builder().bindAddress(host, 0)
                .io(IoMode.BATCH).batchSize(batchSize).build();
        return new BatchTransportProvider().open(config, config.bindAddress(), false);
    }

    @Test
    void wakeupQueuesADatagramThatReceiveDiscards() throws Exception {
        try (DatagramSocketIo socket = open(8)) {
            assertEquals(0, receiveQueueBytes(socket.inode()));
            socket.wakeup();
            // Loopback delivers before sendto returns: the wake datagram is in the queue now.
            assertTrue(receiveQueueBytes(socket.inode()) > 0, "the wake datagram is queued");
            assertEquals(0, socket.receive(), "the wake datagram is not handed over");
            assertEquals(0, receiveQueueBytes(socket.inode()));
        }
    }

    @Test
    void wakeupEndsABlockedReceive() throws Exception {
        try (DatagramSocketIo socket = open(8)) {
            CompletableFuture<Integer> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    // Without a limit the wait ends by the wake datagram (or, were it lost, by the
                    // socket's own bound on a wait); either way with nothing handed over.
                    return socket.awaitAndReceive(0);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            socket.wakeup();
            assertEquals(0, blocked.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void wildcardAndIpv6SocketsAreWokenThroughLoopback() throws Exception {
        for (String host : new String[] {"0.0.0.0", "::", "::1"}) {
            try (DatagramSocketIo socket = open(host, 8)) {
                socket.wakeup();
                // Queued at once on loopback, and taken out: nothing handed over, nothing left.
                assertTrue(receiveQueueBytes(socket.inode()) > 0, host + ": the wake datagram is queued");
                assertEquals(0, socket.awaitAndReceive(1_000_000_000L), host);
                assertEquals(0, socket.receive(), host);
            }
        }
    }

    @Test
    void stoppingLoopsThatShareAPortHandsNoneOfThemADatagram() throws Exception {
        // With SO_REUSEPORT the kernel picks the socket by the sender's address and port, so a
        // wake datagram could reach a sibling socket instead of its own, which would take it for
        // a stranger's empty datagram. Such sockets wait in epoll_wait, woken by their eventfd.
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .io(IoMode.BATCH).threads(4).build();
        try (UdpEndpoint server = UdpEndpoint.open(config)) {
            for (int round = 0; round < 5; round++) {
                try (BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE,
                        (value, datagram) -> { })) {
                    Thread.sleep(50);
                    server.stop();
                    assertEquals(StopReason.STOPPED, loop.awaitResult());
                }
            }
            assertEquals(0, server.stats().received(), "wake datagrams reached a loop as datagrams");
        }
    }

    @Test
    void aWakeInTheMiddleOfABatchLeavesTheOthersInOrder() throws Exception {
        try (DatagramSocketIo socket = open(16);
                LoopbackPeer first = new LoopbackPeer();
                LoopbackPeer second = new LoopbackPeer()) {
            InetSocketAddress to = socket.localAddress();
            for (int i = 0; i < 3; i++) {
                first.send(to, new byte[] {1, (byte) i});
            }
            socket.wakeup();
            socket.wakeup();
            for (int i = 0; i < 3; i++) {
                second.send(to, new byte[] {2, (byte) i, 9});
            }
            assertEquals(6, socket.awaitAndReceive(1_000_000_000L));
            for (int m = 0; m < 6; m++) {
                boolean fromFirst = m < 3;
                int length = fromFirst ? 2 : 3;
                assertEquals(length, socket.length(m), "message " + m);
                ByteBuffer payload = socket.payload(m).duplicate();
                payload.clear().limit(length);
                assertEquals(fromFirst ? 1 : 2, payload.get(0), "message " + m);
                assertEquals(m % 3, payload.get(1), "message " + m);
                assertEquals((fromFirst ? first : second).address(), socket.sender(m));
            }
            assertEquals(0, socket.receive());
        }
    }

    /** The rx_queue part of the socket's line in /proc/net/udp or udp6, found by inode. */
    private static long receiveQueueBytes(long inode) throws Exception {
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 12 && fields[9].equals(Long.toString(inode))) {
                    return Long.parseLong(fields[4].substring(fields[4].indexOf(':') + 1), 16);
                }
            }
        }
        throw new AssertionError("socket inode " + inode + " not in /proc/net/udp or udp6");
    }
}
