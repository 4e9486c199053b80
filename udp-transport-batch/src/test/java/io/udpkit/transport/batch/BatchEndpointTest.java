package io.udpkit.transport.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import io.udpkit.core.IoMode;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.core.UdpEndpoint;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch path end to end on loopback: real sockets, recvmmsg and sendmmsg, the receive loop of
 * udp-core on top.
 */
class BatchEndpointTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private static TransportConfig.Builder config() {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0).io(IoMode.BATCH);
    }

    @Test
    void autoChoosesTheBatchPathOnThisJdk() throws Exception {
        try (UdpEndpoint endpoint = UdpEndpoint.open(config().io(IoMode.AUTO).build())) {
            assertEquals("batch", endpoint.ioPath());
        }
        try (UdpEndpoint endpoint = UdpEndpoint.open(config().io(IoMode.NIO).build())) {
            assertEquals("nio", endpoint.ioPath());
        }
    }

    @Test
    void echoesEachDatagramToItsOwnSender() throws Exception {
        DatagramHandler<ByteBuffer> echo = (payload, datagram) -> datagram.reply(payload);
        List<LoopbackPeer> peers = new ArrayList<>();
        try (UdpEndpoint server = UdpEndpoint.open(config().build());
                BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE, echo)) {
            for (int i = 0; i < 5; i++) {
                peers.add(new LoopbackPeer());
            }
            for (int round = 0; round < 20; round++) {
                for (int p = 0; p < peers.size(); p++) {
                    peers.get(p).send(server.localAddress(), new byte[] {(byte) p, 0, 0, (byte) round});
                }
            }
            for (int p = 0; p < peers.size(); p++) {
                for (int round = 0; round < 20; round++) {
                    byte[] reply = peers.get(p).receive(PATIENCE);
                    assertNotNull(reply, "peer " + p + " reply " + round);
                    assertEquals(p, reply[0], "a reply reached the wrong sender");
                }
            }
            TransportStats stats = loop.awaitStats(s -> s.replied() == 100);
            assertEquals(100, stats.received());
            assertEquals(100, stats.decoded());
        } finally {
            peers.forEach(LoopbackPeer::close);
        }
    }

    @Test
    void aMixedBatchIsCountedExactlyAndEachSenderIsRight() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DatagramHandler<ByteBuffer> handler = new DatagramHandler<>() {
            @Override
            public void onMessage(ByteBuffer value, InboundDatagram datagram) {
                seen.add("ok " + value.getInt(0) + " " + datagram.sender().getPort());
                datagram.reply(value);
            }

            @Override
            public void onUndecodable(InboundDatagram datagram, CodecException error) {
                seen.add("bad " + datagram.length() + " " + datagram.sender().getPort());
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(config().maxDatagramSize(64).batchSize(16)
                        .build());
                LoopbackPeer a = new LoopbackPeer();
                LoopbackPeer b = new LoopbackPeer()) {
            InetSocketAddress to = server.localAddress();
            // Queued before the loop starts, so they arrive in one recvmmsg.
            a.send(to, new byte[] {0, 0, 0, 1});
            b.send(to, new byte[] {1, 2, 3});
            a.send(to, new byte[0]);
            b.send(to, new byte[100]);
            b.send(to, new byte[] {0, 0, 0, 2});
            a.send(to, new byte[64]);
            try (BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE,
                    handler)) {
                TransportStats stats = loop.awaitStats(s -> s.received() == 6);
                assertEquals(2, stats.decoded());
                assertEquals(3, stats.undecodable());
                assertEquals(1, stats.truncated());
                assertEquals(2, loop.awaitStats(s -> s.replied() == 2).replied());
            }
            int pa = a.address().getPort();
            int pb = b.address().getPort();
            assertEquals(List.of("ok 1 " + pa, "bad 3 " + pb, "bad 0 " + pa,
                    "ok 2 " + pb, "bad 64 " + pa), seen);
            assertArrayEquals(new byte[] {0, 0, 0, 1}, a.receive(PATIENCE));
            assertArrayEquals(new byte[] {0, 0, 0, 2}, b.receive(PATIENCE));
        }
    }

    @Test
    void batchesEndAtTheConfiguredSizeAndRepliesAreSentBeforeTheHook() throws Exception {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        int[] inBatch = new int[1];
        DatagramHandler<ByteBuffer> handler = new DatagramHandler<>() {
            @Override
            public void onMessage(ByteBuffer value, InboundDatagram datagram) {
                inBatch[0]++;
                datagram.reply(value);
            }

            @Override
            public void onBatchEnd() {
                batches.add(inBatch[0]);
                inBatch[0] = 0;
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(config().batchSize(8)
                        .receiveBufferSize(1 << 20).build());
                LoopbackPeer peer = new LoopbackPeer()) {
            for (int i = 0; i < 20; i++) {
                peer.send(server.localAddress(), new byte[] {0, 0, 0, (byte) i});
            }
            try (BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE,
                    handler)) {
                loop.awaitStats(s -> s.replied() == 20);
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(i, peer.receive(PATIENCE)[3], "replies keep the order of requests");
            }
        }
        assertEquals(List.of(8, 8, 4), batches);
    }

    @Test
    void oversizedRepliesAreRefusedAndStopEndsTheLoop() throws Exception {
        DatagramHandler<ByteBuffer> amplifier = (payload, datagram) ->
                datagram.reply(ByteBuffer.allocate(400));
        try (UdpEndpoint server = UdpEndpoint.open(config().build());
                LoopbackPeer peer = new LoopbackPeer();
                BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE,
                        amplifier)) {
            peer.send(server.localAddress(), new byte[4]);
            TransportStats stats = loop.awaitStats(s -> s.oversizedReplies() == 1);
            assertEquals(0, stats.replied());
            server.stop();
            assertEquals(StopReason.STOPPED, loop.awaitResult());
        }
    }

    @Test
    void aBusyPortIsAOneLineBindError() throws Exception {
        try (UdpEndpoint first = UdpEndpoint.open(config().reuseAddress(false).build())) {
            java.net.BindException e = org.junit.jupiter.api.Assertions.assertThrows(
                    java.net.BindException.class, () -> UdpEndpoint.open(config().reuseAddress(false)
                            .bindAddress(first.localAddress()).build()));
            assertEquals("cannot bind UDP 127.0.0.1:" + first.localAddress().getPort()
                    + ": Address already in use", e.getMessage());
        }
    }

    @Test
    void servesIpv6() throws Exception {
        DatagramHandler<ByteBuffer> echo = (payload, datagram) -> datagram.reply(payload);
        try (UdpEndpoint server = UdpEndpoint.open(config().bindAddress("::1", 0).build());
                BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE, echo);
                java.nio.channels.DatagramChannel client = java.nio.channels.DatagramChannel.open(
                        java.net.StandardProtocolFamily.INET6)) {
            client.bind(new InetSocketAddress("::1", 0));
            client.send(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), server.localAddress());
            ByteBuffer reply = ByteBuffer.allocate(16);
            client.receive(reply);
            assertEquals(4, reply.position());
            assertTrue(loop.awaitStats(s -> s.replied() == 1).replied() == 1);
        }
    }
}
