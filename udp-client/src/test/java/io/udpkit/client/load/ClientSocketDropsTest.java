package io.udpkit.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drop count of one socket, from the kernel's own table. */
class ClientSocketDropsTest {

    @Test
    void aSocketNobodyReadsShowsWhatItCouldNotQueue() throws Exception {
        unreadSocketShowsItsDrops(StandardProtocolFamily.INET);
    }

    @Test
    void aDualStackSocketOnAnIpv4AddressIsFoundToo() throws Exception {
        unreadSocketShowsItsDrops(StandardProtocolFamily.INET6);
    }

    private static void unreadSocketShowsItsDrops(StandardProtocolFamily family) throws Exception {
        try (DatagramChannel unread = DatagramChannel.open(family);
             DatagramChannel sender = DatagramChannel.open(family)) {
            unread.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            unread.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) unread.getLocalAddress();
            ClientSocketDrops drops = ClientSocketDrops.of(address);
            assertEquals(0, drops.read());
            for (int i = 0; i < 50; i++) {
                sender.send(ByteBuffer.allocate(1000), address);
            }
            int queued = 0;
            unread.configureBlocking(false);
            while (unread.receive(ByteBuffer.allocate(1000)) != null) {
                queued++;
            }
            assertTrue(queued > 0 && queued < 50, "queued " + queued);
            assertEquals(50 - queued, drops.read());
        }
    }

    @Test
    void readsTheDropsColumnOfTheBoundAddressesLineOnly(@TempDir Path tmp) throws Exception {
        InetSocketAddress bound = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x1F90);
        String ours = ClientSocketDrops.procAddress(bound);
        assertEquals(java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? "0100007F:1F90" : "7F000001:1F90", ours);
        Path table = tmp.resolve("udp");
        Files.writeString(table, String.join("\n",
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  1: 0200007F:1F90 00000000:0000 07 00000000:00000000 00:00000000 00000000  0 0 111 2 0000000000000000 7",
                "  2: " + ours + " 00000000:0000 07 00000000:00000000 00:00000000 00000000  0 0 222 2 0000000000000000 42",
                ""));
        Path absent = tmp.resolve("absent");
        assertEquals(42, ClientSocketDrops.of(table, absent, bound).read());
        assertEquals(-1, ClientSocketDrops.of(absent, absent, bound).read());
        Path udp6 = tmp.resolve("udp6");
        Files.writeString(udp6, "header\n  0: " + ClientSocketDrops.mappedProcAddress(bound)
                + " 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 "
                + "00000000  0 0 333 2 0000000000000000 5\n");
        assertEquals(5, ClientSocketDrops.of(absent, udp6, bound).read(),
                "an IPv4 address held by a dual-stack socket");
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 80);
        assertEquals(java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? "00000000000000000000000001000000:0050" : "00000000000000000000000000000001:0050",
                ClientSocketDrops.procAddress(v6));
    }
}
