package io.udpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.udpkit.core.SocketAddresses;
import io.udpkit.core.StopReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link JsonForwarder} behind a server's handler, with plain JDK sockets as sender and target. */
class JsonForwarderTest {

    /** Serves {@code fmt} records forwarding to {@code target} until stopped; returns the loop's end. */
    private static final class Bridge implements AutoCloseable {
        final UdpServer<Object> server;
        final JsonForwarder forwarder;
        final CompletableFuture<StopReason> served = new CompletableFuture<>();

        Bridge(String fmt, InetSocketAddress target) throws Exception {
            forwarder = JsonForwarder.open(target);
            server = UdpServer.builder().host("127.0.0.1").port(0).codec("struct", fmt)
                    .reply(ReplyPolicy.NONE)
                    .handler((value, datagram) -> forwarder.forward(value, datagram.sender())).open();
            Thread loop = new Thread(() -> {
                try {
                    served.complete(server.serve());
                } catch (Exception e) {
                    served.completeExceptionally(e);
                }
            }, "bridge-under-test");
            loop.setDaemon(true);
            loop.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(Loopback.address(), server.localAddress().getPort());
        }

        @Override
        public void close() throws IOException {
            server.stop();
            try {
                served.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the serving loop did not end cleanly", e);
            } finally {
                server.close();
                forwarder.close();
            }
        }
    }

    @Test
    void structRecordIsForwardedAsTheOutputJsonLine() throws Exception {
        try (DatagramChannel target = Loopback.peer(); DatagramChannel sender = Loopback.peer();
             Bridge bridge = new Bridge("! I 2s Q 2h f", (InetSocketAddress) target.getLocalAddress())) {
            byte[] seed = hex("00000001616200000000000000020003000340200000");
            sender.send(ByteBuffer.wrap(seed), bridge.address());
            byte[] document = Loopback.receive(target, 10_000);
            assertNotNull(document, "a document reached the target");
            int senderPort = ((InetSocketAddress) sender.getLocalAddress()).getPort();
            assertEquals("{\"from\":\"127.0.0.1:" + senderPort + "\",\"values\":[1,\"ab\",2,3,3,2.5]}",
                    new String(document, StandardCharsets.US_ASCII));
            assertEquals(1, countSettled(bridge.forwarder::forwarded, 1));
        }
    }

    /**
     * The counter once it reaches {@code expected} or after 10 s: the forwarder counts a document
     * just after its send returns, so the target can hold the datagram a moment before the count.
     */
    private static long countSettled(java.util.function.LongSupplier counter, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return counter.getAsLong();
    }

    @Test
    void documentLargerThanADatagramIsCountedAndDropped() throws Exception {
        try (DatagramChannel target = Loopback.peer(); DatagramChannel sender = Loopback.peer();
             Bridge bridge = new Bridge("! 12000s", (InetSocketAddress) target.getLocalAddress())) {
            // 12,000 control bytes are 72,000 characters of \\u0001 escapes: more than 65,507.
            byte[] record = new byte[12_000];
            Arrays.fill(record, (byte) 1);
            sender.send(ByteBuffer.wrap(record), bridge.address());
            // Then one that fits, so we know the first was handled before we look.
            Arrays.fill(record, (byte) 'a');
            sender.send(ByteBuffer.wrap(record), bridge.address());
            byte[] document = Loopback.receive(target, 10_000);
            assertNotNull(document, "the second document reached the target");
            JsonNode parsed = new ObjectMapper().readTree(document);
            assertEquals("a".repeat(12_000), parsed.get("values").get(0).textValue());
            assertNull(Loopback.receive(target, 200), "the oversized one was never sent");
            assertEquals(1, bridge.forwarder.oversized());
            assertEquals(1, countSettled(bridge.forwarder::forwarded, 1));
            assertEquals(0, bridge.forwarder.failed());
        }
    }

    @Test
    void undecodableDatagramIsNotForwarded() throws Exception {
        try (DatagramChannel target = Loopback.peer(); DatagramChannel sender = Loopback.peer();
             Bridge bridge = new Bridge("! I", (InetSocketAddress) target.getLocalAddress())) {
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), bridge.address());
            sender.send(ByteBuffer.wrap(new byte[] {0, 0, 0, 9}), bridge.address());
            byte[] document = Loopback.receive(target, 10_000);
            assertNotNull(document);
            assertTrue(new String(document, StandardCharsets.US_ASCII).endsWith("\"values\":[9]}"),
                    new String(document, StandardCharsets.US_ASCII));
            assertNull(Loopback.receive(target, 200), "nothing for the 3-byte datagram");
            assertEquals(1, bridge.server.stats().undecodable());
            assertEquals("{\"forwarded\":1,\"oversized\":0,\"failed\":0}",
                    bridge.forwarder.statsJson());
        }
    }

    @Test
    void failedSendsAreCountedAndServingGoesOn() throws Exception {
        int closedPort = Loopback.freePort();
        try (DatagramChannel sender = Loopback.peer();
             Bridge bridge = new Bridge("! I", new InetSocketAddress(Loopback.address(), closedPort))) {
            // Nobody listens on the target: the kernel's ICMP port-unreachable fails a later send
            // on the connected socket. Bounded: at most 100 records, 10 s.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int i = 0; i < 100 && bridge.forwarder.failed() == 0 && System.nanoTime() < deadline; i++) {
                sender.send(ByteBuffer.wrap(new byte[] {0, 0, 0, (byte) i}), bridge.address());
                Thread.sleep(20);
            }
            assertTrue(bridge.forwarder.failed() > 0, bridge.forwarder.statsJson());
            assertFalse(bridge.served.isDone(), "the server still serves");
            assertEquals(0, bridge.server.stats().handlerErrors(), "counted by the forwarder only");
        }
    }

    @Test
    void refusedTargetsAreNotOpened() {
        for (String host : new String[] {"0.0.0.0", "224.0.0.1", "255.255.255.255", "::"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> JsonForwarder.open(SocketAddresses.resolve(host, 9)), host);
            assertTrue(error.getMessage().startsWith("forward target must be"), error.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> JsonForwarder.open(new InetSocketAddress(Loopback.address(), 0)));
        assertThrows(IllegalArgumentException.class,
                () -> JsonForwarder.open(InetSocketAddress.createUnresolved("example.invalid", 9)));
    }

    @Test
    void theServersOwnSocketIsRefusedAsATarget() throws Exception {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", 9999);
        IllegalArgumentException exact = assertThrows(IllegalArgumentException.class,
                () -> JsonForwarder.checkNotSelf(new InetSocketAddress("127.0.0.1", 9999), server));
        assertEquals("forward target 127.0.0.1:9999 is this server's own socket (bound to"
                + " 127.0.0.1:9999): every forwarded document would come back and be forwarded"
                + " again", exact.getMessage());
        InetSocketAddress wildcard = new InetSocketAddress("0.0.0.0", 9999);
        for (String local : new String[] {"127.0.0.1", "127.0.0.2"}) {
            assertThrows(IllegalArgumentException.class, () -> JsonForwarder.checkNotSelf(
                    new InetSocketAddress(local, 9999), wildcard), local);
        }
        // Another port, or another loopback address than an exact bind, is someone else.
        JsonForwarder.checkNotSelf(new InetSocketAddress("127.0.0.1", 9998), server);
        JsonForwarder.checkNotSelf(new InetSocketAddress("127.0.0.2", 9999), server);
        JsonForwarder.checkNotSelf(new InetSocketAddress("127.0.0.1", 9998), wildcard);
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
