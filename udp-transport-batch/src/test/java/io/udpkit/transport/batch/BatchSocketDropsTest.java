package io.udpkit.transport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.IoMode;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.spi.DatagramSocketIo;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The drop counter {@code getsockopt(SO_MEMINFO)} reads: it rises when the socket overflows, at
 * once (nothing need be received after the drops), agrees with the kernel's own per-socket figure
 * in /proc/net/udp, and is -1 once the socket is closed.
 */
class BatchSocketDropsTest {

    @Test
    void overflowIsCountedAndAgreesWithProcNetUdp() throws Exception {
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .io(IoMode.BATCH).receiveBufferSize(4096).batchSize(64).build();
        DatagramSocketIo socket = new BatchTransportProvider().open(config, config.bindAddress(),
                false);
        try (LoopbackPeer peer = new LoopbackPeer()) {
            InetSocketAddress to = socket.localAddress();
            int flood = 400;
            for (int i = 0; i < flood; i++) {
                peer.send(to, new byte[200]);
            }
            long dropped = socket.socketDrops();
            assertTrue(dropped > 0, "a 4 KiB buffer cannot hold " + flood + " datagrams");
            assertEquals(procNetUdpDrops(socket.inode()), dropped);
            int queued = drain(socket);
            assertEquals(flood - queued, dropped, "every datagram either queued or dropped");
            assertEquals(dropped, socket.socketDrops(), "receiving drops nothing more");
        } finally {
            socket.close();
        }
        assertEquals(-1, socket.socketDrops());
    }

    private static int drain(DatagramSocketIo socket) throws Exception {
        int total = 0;
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            int n = socket.receive();
            if (n == 0) {
                socket.awaitReadable(50_000_000L);
                if (socket.receive() == 0 && total > 0) {
                    break;
                }
                continue;
            }
            total += n;
        }
        return total;
    }

    /** The {@code drops} column (the last) of the socket's line, found by inode. */
    private static long procNetUdpDrops(long inode) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 12 && fields[9].equals(Long.toString(inode))) {
                return Long.parseLong(fields[fields.length - 1]);
            }
        }
        throw new AssertionError("socket inode " + inode + " not in /proc/net/udp");
    }
}
