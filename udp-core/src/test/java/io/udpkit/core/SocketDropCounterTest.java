package io.udpkit.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.CapturedLog;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketDropCounterTest {

    private static final String HEADER = "   sl  local_address rem_address   st tx_queue rx_queue tr"
            + " tm->when retrnsmt   uid  timeout inode ref pointer drops";

    @TempDir
    Path dir;

    private static String line(int slot, String local, long inode, long drops) {
        return String.format("%5d: %s 00000000:0000 07 00000000:00000000 00:00000000 00000000"
                + "  1000        0 %d 2 0000000000000000 %d", slot, local, inode, drops);
    }

    private Path fdDirectory(long... inodes) throws Exception {
        Path fds = Files.createDirectories(dir.resolve("fd"));
        Files.createSymbolicLink(fds.resolve("0"), Paths.get("/dev/null"));
        for (int i = 0; i < inodes.length; i++) {
            Files.createSymbolicLink(fds.resolve(Integer.toString(10 + i)),
                    Paths.get("socket:[" + inodes[i] + "]"));
        }
        return fds;
    }

    @Test
    void readsTheDropsOfTheNewSocketOnTheBoundPortOnly() throws Exception {
        Path table = dir.resolve("udp");
        Files.write(table, List.of(HEADER,
                line(1, "0100007F:270F", 111, 50_911), // another socket on the same port
                line(2, "0100007F:270F", 222, 7),
                line(3, "0100007F:1F90", 333, 9)), US_ASCII);
        Path fds = fdDirectory(111, 222, 333);

        SocketDropCounter counter = SocketDropCounter.locate(Set.of(111L, 333L), fds, table,
                new InetSocketAddress("127.0.0.1", 9999));

        assertEquals(222, counter.inode());
        assertEquals(7, counter.drops());
    }

    @Test
    void isUnknownRatherThanWrongWhenTwoNewSocketsHoldThePort() throws Exception {
        Path table = dir.resolve("udp");
        Files.write(table, List.of(HEADER, line(1, "0100007F:270F", 111, 1),
                line(2, "0100007F:270F", 222, 2)), US_ASCII);

        SocketDropCounter counter = SocketDropCounter.locate(Set.of(), fdDirectory(111, 222),
                table, new InetSocketAddress("127.0.0.1", 9999));

        assertEquals(-1, counter.drops());
    }

    @Test
    void isUnknownWithoutProc() {
        SocketDropCounter counter = SocketDropCounter.locate(Set.of(), dir.resolve("no-fd"),
                dir.resolve("no-udp"), new InetSocketAddress("127.0.0.1", 9999));
        assertEquals(-1, counter.drops());
    }

    @Test
    void everySocketOfALoopGroupIsFound() throws Exception {
        assumeTrue(Files.isReadable(SocketDropCounter.PROC_NET_UDP), "needs Linux /proc/net/udp");
        try (UdpEndpoint server = UdpEndpoint.open(TransportConfig.builder()
                .bindAddress("127.0.0.1", 0).threads(2).build())) {
            assertEquals(0, server.stats().socketDrops(), server.stats().toJson());
            assertEquals(List.of(0L, 0L), server.loopStats().stream()
                    .map(TransportStats::socketDrops).toList(), "each loop's own socket");
        }
    }

    @Test
    void aSocketNobodyReadsCountsWhatItCouldNotQueue() throws Exception {
        assumeTrue(Files.isReadable(SocketDropCounter.PROC_NET_UDP),
                "needs Linux /proc/net/udp");
        int sent = 500;
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress("127.0.0.1", 0).receiveBufferSize(4096)
                        .idleTimeout(Duration.ofMillis(300)).build());
                UdpEndpoint bystander = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress("127.0.0.1", 0).receiveBufferSize(4096).build());
                LoopbackPeer peer = new LoopbackPeer()) {
            assertEquals(0, server.stats().socketDrops(), "a new socket has dropped nothing");
            // Nobody reads yet: a 4 KiB buffer overflows long before 500 datagrams. The
            // bystander overflows too; none of its drops may show as the server's.
            for (int i = 0; i < sent; i++) {
                peer.send(server.localAddress(), new byte[512]);
                peer.send(bystander.localAddress(), new byte[512]);
            }
            assertEquals(StopReason.IDLE_TIMEOUT,
                    server.serve(RawCodec.INSTANCE, (payload, datagram) -> { }));

            TransportStats stats = server.stats();
            assertTrue(stats.received() < sent, stats.toJson());
            assertEquals(sent, stats.received() + stats.socketDrops(),
                    "every datagram was either read or dropped at this socket: " + stats.toJson());
            List<String> warnings = log.messages(Level.WARN);
            String expected = "the kernel dropped " + stats.socketDrops() + " datagrams for UDP "
                    + SocketAddresses.format(server.localAddress()) + " (" + stats.socketDrops()
                    + " since it opened) because its receive buffer was full; SO_RCVBUF is ";
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith(expected)
                    && w.contains("net.core.rmem_max") && w.contains("--rcvbuf")),
                    warnings.toString());

        }
    }
}
