package io.udpkit.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.codec.TextCodec;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.CapturedLog;
import io.udpkit.core.testing.LoopbackPeer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UdpEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static TransportConfig.Builder loopback() {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0);
    }

    private static final DatagramHandler<ByteBuffer> ECHO = (payload, datagram) ->
            datagram.reply(payload);

    @Test
    void echoesDatagramBackToItsSender() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, ECHO);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), "data".getBytes(UTF_8));
            assertArrayEquals("data".getBytes(UTF_8), peer.receive(WAIT));

            TransportStats stats = loop.awaitStats(s -> s.replied() == 1);
            assertEquals(1, stats.received());
            assertEquals(1, stats.decoded());
            assertEquals(0, stats.undecodable() + stats.truncated() + stats.handlerErrors());
        }
    }

    @Test
    void batchEndIsCalledAfterTheDatagramsOfABatchOnTheLoopThread() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        DatagramHandler<ByteBuffer> recording = new DatagramHandler<>() {
            @Override
            public void onMessage(ByteBuffer payload, InboundDatagram datagram) {
                events.add("message on " + Thread.currentThread().getName());
            }

            @Override
            public void onBatchEnd() {
                events.add("end on " + Thread.currentThread().getName());
                throw new IllegalStateException("counted, not fatal");
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, recording);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), "one".getBytes(UTF_8));
            TransportStats stats = loop.awaitStats(s -> s.handlerErrors() == 1);
            assertEquals(1, stats.decoded());
            assertEquals(List.of("message on udp-serve", "end on udp-serve"),
                    List.copyOf(events));
            peer.send(server.localAddress(), "two".getBytes(UTF_8));
            loop.awaitStats(s -> s.handlerErrors() == 2);
            assertEquals("end on udp-serve", events.get(events.size() - 1));
            // No datagram, no batch: the idle loop does not call it.
            Thread.sleep(50);
            assertEquals(4, events.size(), events.toString());
        }
    }

    @Test
    void clientSendAndReceiveTalkToServer() throws Exception {
        DatagramHandler<String> upper = (text, datagram) ->
                datagram.reply(ByteBuffer.wrap(text.strip().toUpperCase().getBytes(UTF_8)));
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, TextCodec.INSTANCE, upper);
                UdpEndpoint client = UdpEndpoint.open(loopback().build())) {
            client.send(ByteBuffer.wrap(" hello world\n".getBytes(UTF_8)), server.localAddress());
            ByteBuffer reply = ByteBuffer.allocate(64);

            InetSocketAddress from = client.receive(reply, WAIT);

            assertEquals(server.localAddress(), from);
            reply.flip();
            assertEquals("HELLO WORLD", UTF_8.decode(reply).toString());
            assertEquals(1, client.stats().received());
            assertEquals(1, loop.awaitStats(s -> s.replied() == 1).decoded());
        }
    }

    @Test
    void handlerSeesSenderAndReadOnlyPayload() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        DatagramHandler<ByteBuffer> inspect = (payload, datagram) -> {
            ByteBuffer view = datagram.payload();
            seen.complete(datagram.sender() + " " + datagram.length() + " " + view.position() + " "
                    + view.limit() + " " + view.isReadOnly());
        };
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, inspect);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[] {1, 2, 3});
            assertEquals(peer.address() + " 3 0 3 true", seen.get(5, TimeUnit.SECONDS));
            assertEquals(1, loop.awaitStats(s -> s.decoded() == 1).received());
        }
    }

    @Test
    void inboundDatagramRefusesUseAfterItsCall() throws Exception {
        CompletableFuture<InboundDatagram> kept = new CompletableFuture<>();
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE,
                        (payload, datagram) -> kept.complete(datagram));
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[] {1});
            InboundDatagram datagram = kept.get(5, TimeUnit.SECONDS);
            // The handler has returned once the next datagram is counted.
            peer.send(server.localAddress(), new byte[] {2});
            loop.awaitStats(s -> s.decoded() == 2);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    datagram::sender);
            assertTrue(e.getMessage().contains("after its handler call returned"), e.getMessage());
        }
    }

    @Test
    void stopFromAnotherThreadEndsServe() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, ECHO)) {
            server.stop();
            assertEquals(StopReason.STOPPED, loop.awaitResult());
        }
    }

    @Test
    void stopBeforeServeEndsItAtOnceAndServeCanRunAgain() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().idleTimeout(Duration.ofMillis(50))
                .build())) {
            server.stop();
            assertEquals(StopReason.STOPPED, server.serve(RawCodec.INSTANCE, ECHO));
            // The request was consumed: the next serve runs until its idle timeout.
            assertEquals(StopReason.IDLE_TIMEOUT, server.serve(RawCodec.INSTANCE, ECHO));
        }
    }

    @Test
    void interruptingTheLoopThreadEndsServeWithStopped() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, ECHO)) {
            loop.thread().interrupt();
            assertEquals(StopReason.STOPPED, loop.awaitResult());
        }
    }

    @Test
    void closedEndpointServesNothingAndReceiveThrows() throws Exception {
        UdpEndpoint endpoint = UdpEndpoint.open(loopback().build());
        endpoint.close();
        endpoint.close();
        assertEquals(StopReason.CLOSED, endpoint.serve(RawCodec.INSTANCE, ECHO));
        assertThrows(java.nio.channels.ClosedChannelException.class,
                () -> endpoint.receive(ByteBuffer.allocate(8), Duration.ZERO));
        endpoint.stop();
    }

    @Test
    void idleTimeoutEndsServeWithoutTraffic() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().idleTimeout(Duration.ofMillis(100))
                .build())) {
            assertEquals(StopReason.IDLE_TIMEOUT, server.serve(RawCodec.INSTANCE, ECHO));
        }
    }

    @Test
    void closeDuringServeEndsItWithClosed() throws Exception {
        UdpEndpoint server = UdpEndpoint.open(loopback().build());
        try (BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, ECHO);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[] {1});
            loop.awaitStats(s -> s.received() == 1);
            server.close();
            assertEquals(StopReason.CLOSED, loop.awaitResult());
            assertEquals(1, server.stats().received());
        } finally {
            server.close();
        }
    }

    @Test
    void secondConcurrentServeIsRejected() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, ECHO);
                LoopbackPeer peer = new LoopbackPeer()) {
            // Wait until the loop provably runs: it has handled a datagram.
            peer.send(server.localAddress(), new byte[] {1});
            loop.awaitStats(s -> s.received() == 1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> server.serve(RawCodec.INSTANCE, ECHO));
            assertTrue(e.getMessage().contains("already running"), e.getMessage());
            assertThrows(IllegalStateException.class,
                    () -> server.receive(ByteBuffer.allocate(8), Duration.ZERO));
        }
    }

    @Test
    void oversizedDatagramIsCountedTruncatedAndNeverDecoded() throws Exception {
        CompletableFuture<Integer> firstDecoded = new CompletableFuture<>();
        try (UdpEndpoint server = UdpEndpoint.open(loopback().maxDatagramSize(16).build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE,
                        (payload, datagram) -> firstDecoded.complete(payload.remaining()));
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[17]);
            peer.send(server.localAddress(), new byte[1000]);
            peer.send(server.localAddress(), new byte[16]);

            // Loopback keeps order: the oversized two were handled before the last one.
            assertEquals(16, firstDecoded.get(5, TimeUnit.SECONDS));
            TransportStats stats = loop.awaitStats(s -> s.received() == 3);
            assertEquals(2, stats.truncated());
            assertEquals(1, stats.decoded());
        }
    }

    @Test
    void invalidUtf8IsCountedUndecodableAndReportedToHandler() throws Exception {
        List<String> undecodable = new CopyOnWriteArrayList<>();
        CompletableFuture<String> decoded = new CompletableFuture<>();
        DatagramHandler<String> handler = new DatagramHandler<>() {
            @Override
            public void onMessage(String value, InboundDatagram datagram) {
                decoded.complete(value);
            }

            @Override
            public void onUndecodable(InboundDatagram datagram, CodecException error) {
                undecodable.add(datagram.length() + ": " + error.getMessage());
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, TextCodec.INSTANCE, handler);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[] {'o', 'k', (byte) 0xC3, '('});
            peer.send(server.localAddress(), "fine".getBytes(UTF_8));

            assertEquals("fine", decoded.get(5, TimeUnit.SECONDS));
            TransportStats stats = loop.awaitStats(s -> s.received() == 2);
            assertEquals(1, stats.undecodable());
            assertEquals(1, stats.decoded());
            assertEquals(List.of("4: text: malformed UTF-8 at byte 2 of 4"), undecodable);
        }
    }

    @Test
    void floodOfBadDatagramsLogsFewLinesWithSuppressedCount() throws Exception {
        int bad = 300;
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = UdpEndpoint.open(loopback().receiveBufferSize(1 << 20)
                        .idleTimeout(Duration.ofMillis(300)).build());
                LoopbackPeer peer = new LoopbackPeer()) {
            for (int i = 0; i < bad; i++) {
                peer.send(server.localAddress(), new byte[] {(byte) 0xFF});
            }
            assertEquals(StopReason.IDLE_TIMEOUT, server.serve(TextCodec.INSTANCE, (v, d) -> { }));

            assertEquals(bad, server.stats().undecodable());
            List<String> warnings = log.messages(Level.WARN).stream()
                    .filter(m -> m.startsWith("undecodable datagram")).toList();
            // One line at the first datagram, one summary when serve() returned.
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(1).contains((bad - 1) + " more suppressed"), warnings.get(1));
            // The handler's onUndecodable still gets it (a server echoes it): not "dropped".
            assertTrue(warnings.stream().noneMatch(w -> w.contains("dropped")), warnings.toString());
            assertTrue(log.events().stream().allMatch(e -> e.getThrowableProxy() == null),
                    "no stack trace above DEBUG");
        }
    }

    @Test
    void handlerExceptionsAreCountedAndLoopSurvives() throws Exception {
        DatagramHandler<String> handler = (text, datagram) -> {
            switch (text) {
                case "unchecked" -> throw new IllegalStateException("handler bug");
                case "checked" -> throw new IOException("handler I/O");
                default -> datagram.reply(ByteBuffer.wrap(text.getBytes(UTF_8)));
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, TextCodec.INSTANCE, handler);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), "unchecked".getBytes(UTF_8));
            peer.send(server.localAddress(), "checked".getBytes(UTF_8));
            peer.send(server.localAddress(), "alive".getBytes(UTF_8));

            assertArrayEquals("alive".getBytes(UTF_8), peer.receive(WAIT));
            TransportStats stats = loop.awaitStats(s -> s.replied() == 1);
            assertEquals(2, stats.handlerErrors());
            assertEquals(3, stats.decoded());
            assertEquals(1, stats.replied());
        }
    }

    @Test
    void codecBugCountsAsUndecodableAndHandlerError() throws Exception {
        Codec<String> broken = new Codec<>() {
            @Override
            public String decode(ByteBuffer payload) {
                if (payload.remaining() == 0) {
                    throw new IndexOutOfBoundsException("codec bug");
                }
                return "x";
            }

            @Override
            public void encode(String value, ByteBuffer out) {
                throw new UnsupportedOperationException();
            }
        };
        List<String> errors = new CopyOnWriteArrayList<>();
        CompletableFuture<String> decoded = new CompletableFuture<>();
        DatagramHandler<String> handler = new DatagramHandler<>() {
            @Override
            public void onMessage(String value, InboundDatagram datagram) {
                decoded.complete(value);
            }

            @Override
            public void onUndecodable(InboundDatagram datagram, CodecException error) {
                errors.add(error.getCause().getMessage());
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, broken, handler);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[0]);
            peer.send(server.localAddress(), new byte[] {1});

            assertEquals("x", decoded.get(5, TimeUnit.SECONDS));
            TransportStats stats = loop.awaitStats(s -> s.received() == 2);
            assertEquals(1, stats.undecodable());
            assertEquals(1, stats.handlerErrors());
            assertEquals(1, stats.decoded());
            assertEquals(List.of("codec bug"), errors);
        }
    }

    @Test
    void replyLargerThanRequestIsRefusedByDefault() throws Exception {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        DatagramHandler<ByteBuffer> amplifier = (payload, datagram) ->
                result.complete(datagram.reply(ByteBuffer.allocate(payload.remaining() * 10)));
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, amplifier);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[] {1, 2});

            assertFalse(result.get(5, TimeUnit.SECONDS));
            TransportStats stats = loop.awaitStats(s -> s.oversizedReplies() == 1);
            assertEquals(0, stats.replied());
            assertNull(peer.receive(Duration.ofMillis(100)), "nothing was sent");
        }
    }

    @Test
    void replyLargerThanRequestIsSentWhenAllowed() throws Exception {
        DatagramHandler<ByteBuffer> amplifier = (payload, datagram) ->
                datagram.reply(ByteBuffer.allocate(payload.remaining() * 10));
        try (UdpEndpoint server = UdpEndpoint.open(loopback().allowLargerReplies(true).build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, amplifier);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[] {1, 2});

            assertEquals(20, peer.receive(WAIT).length);
            TransportStats stats = loop.awaitStats(s -> s.replied() == 1);
            assertEquals(0, stats.oversizedReplies());
        }
    }

    @Test
    void emptyDatagramIsJustADatagram() throws Exception {
        try (UdpEndpoint server = UdpEndpoint.open(loopback().build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, ECHO);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(server.localAddress(), new byte[0]);

            assertArrayEquals(new byte[0], peer.receive(WAIT));
            TransportStats stats = loop.awaitStats(s -> s.replied() == 1);
            assertEquals(1, stats.decoded());
        }
    }

    @Test
    void receiveReturnsNullOnTimeout() throws Exception {
        try (UdpEndpoint client = UdpEndpoint.open(loopback().build())) {
            assertNull(client.receive(ByteBuffer.allocate(16), Duration.ofMillis(50)));
            assertNull(client.receive(ByteBuffer.allocate(16), Duration.ZERO));
        }
    }

    @Test
    void receiveReportsOversizedDatagramAndStaysUsable() throws Exception {
        try (UdpEndpoint client = UdpEndpoint.open(loopback().maxDatagramSize(8).build());
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(client.localAddress(), new byte[9]);
            peer.send(client.localAddress(), new byte[6]);
            peer.send(client.localAddress(), new byte[5]);

            TruncatedDatagramException tooBig = assertThrows(TruncatedDatagramException.class,
                    () -> client.receive(ByteBuffer.allocate(64), WAIT));
            assertEquals(peer.address(), tooBig.sender());
            assertEquals("datagram from " + SocketAddresses.format(peer.address())
                    + " dropped: larger than maxDatagramSize 8 bytes", tooBig.getMessage());
            TruncatedDatagramException noRoom = assertThrows(TruncatedDatagramException.class,
                    () -> client.receive(ByteBuffer.allocate(4), WAIT));
            assertTrue(noRoom.getMessage().endsWith("larger than the buffer's 4 bytes remaining"),
                    noRoom.getMessage());
            ByteBuffer into = ByteBuffer.allocate(8);
            assertEquals(peer.address(), client.receive(into, WAIT));
            assertEquals(5, into.position());
            assertEquals(2, client.stats().truncated());
            assertEquals(3, client.stats().received());
        }
    }

    @Test
    void bindingAnAddressInUseFailsWithOneLineNamingIt() throws Exception {
        try (UdpEndpoint first = UdpEndpoint.open(loopback().reuseAddress(false).build())) {
            int port = first.localAddress().getPort();
            BindException e = assertThrows(BindException.class, () -> UdpEndpoint.open(
                    TransportConfig.builder().bindAddress("127.0.0.1", port).build()));
            assertTrue(e.getMessage().startsWith("cannot bind UDP 127.0.0.1:" + port + ": "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void twoDefaultEndpointsCannotShareAPort() throws Exception {
        // The default has no SO_REUSEADDR: a second socket must not silently take the port.
        try (UdpEndpoint first = UdpEndpoint.open(loopback().build())) {
            int port = first.localAddress().getPort();
            BindException e = assertThrows(BindException.class, () -> UdpEndpoint.open(
                    TransportConfig.builder().bindAddress("127.0.0.1", port).build()));
            assertEquals(1, e.getMessage().split("cannot bind", -1).length - 1,
                    "the address is named once: " + e.getMessage());
        }
    }

    @Test
    void reuseAddressOnBothSharesThePortAsTheRecipeDoes() throws Exception {
        try (UdpEndpoint first = UdpEndpoint.open(loopback().reuseAddress(true).build());
                UdpEndpoint second = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress(first.localAddress()).reuseAddress(true).build())) {
            assertEquals(first.localAddress(), second.localAddress());
        }
    }

    @Test
    void openLogsBoundAddressAndBufferSizes() throws Exception {
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = UdpEndpoint.open(loopback().receiveBufferSize(65_536)
                        .build())) {
            String info = log.messages(Level.INFO).get(0);
            assertTrue(info.startsWith("bound UDP " + SocketAddresses.format(server.localAddress())
                    + "; SO_RCVBUF "), info);
            assertTrue(info.contains("(requested: 65536; net.core.rmem_max "), info);
            assertTrue(info.contains("SO_SNDBUF"), info);
            assertTrue(log.messages(Level.WARN).isEmpty(), "65536 bytes are never capped");
        }
    }

    @Test
    void cappedReceiveBufferIsWarnedNamingRmemMax() throws Exception {
        long rmemMax = SocketBufferReport.readLong(SocketBufferReport.RMEM_MAX);
        assumeTrue(rmemMax > 0 && rmemMax < Integer.MAX_VALUE / 2,
                "needs a readable /proc/sys/net/core/rmem_max");
        // Just above the maximum: where Linux doubles, it reads back 2 x rmem_max, more than was
        // asked, yet the request was capped.
        int request = (int) rmemMax + 4096;
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = UdpEndpoint.open(loopback().receiveBufferSize(request)
                        .build())) {
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("SO_RCVBUF capped by the kernel: requested "
                    + request + " bytes but net.core.rmem_max is " + rmemMax), warnings.get(0));
            assertTrue(warnings.get(0).endsWith("raise net.core.rmem_max to allow more"),
                    warnings.get(0));
            assertNotNull(server.localAddress());
        }
    }

    @Test
    void capIsJudgedAgainstKernelMaximumWhetherOrNotTheKernelDoubles() {
        // Linux doubling: 5000 asked, max 4096, reads back 8192 (> 5000) and still capped.
        assertTrue(SocketBufferReport.capped(5000, 8192, 4096));
        assertFalse(SocketBufferReport.capped(4000, 8000, 4096));
        // Kernels that report the value as set.
        assertTrue(SocketBufferReport.capped(5000, 4096, 4096));
        assertFalse(SocketBufferReport.capped(4096, 4096, 4096));
        // Maximum unknown: only a reading below the request proves a cap.
        assertTrue(SocketBufferReport.capped(5000, 4096, -1));
        assertFalse(SocketBufferReport.capped(5000, 10_000, -1));
        assertFalse(SocketBufferReport.capped(0, 1, 4096), "0 requests nothing");
    }

    @Test
    void statsSerializeAsJsonInFixedOrder() {
        TransportStats stats = new TransportStats(9, 8, 7, 6, 5, 4, 3, 2, -1);
        assertEquals("{\"received\":9,\"decoded\":8,\"undecodable\":7,\"replied\":6,"
                + "\"truncated\":5,\"handlerErrors\":4,\"rateLimited\":3,\"oversizedReplies\":2,"
                + "\"socketDrops\":-1}", stats.toJson());
        assertEquals(stats.toJson(), stats.toString());
    }

    @Test
    void sendRejectsPayloadLargerThanUdpAllows() throws Exception {
        try (UdpEndpoint client = UdpEndpoint.open(loopback().build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client.send(ByteBuffer.allocate(65_508), client.localAddress()));
            assertEquals("payload too large for one UDP datagram: 65508 bytes > 65507",
                    e.getMessage());
        }
    }
}
