package io.udpkit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.Decoder;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.format.PythonRepr;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpServerTest {

    private static final String RECIPE = "! I 2s Q 2h f";

    private UdpServer<?> server;
    private FutureTask<StopReason> serving;
    private Thread servingThread;
    private DatagramChannel peer;

    /** The recipe's record (1, b'ab', 2, 3, 3, 2.5), packed by hand in network order. */
    static byte[] recipeRecord() {
        return ByteBuffer.allocate(22).putInt(1).put((byte) 'a').put((byte) 'b').putLong(2)
                .putShort((short) 3).putShort((short) 3).putFloat(2.5f).array();
    }

    private void start(UdpServer<?> opened) throws IOException {
        server = opened;
        serving = new FutureTask<>(opened::serve);
        servingThread = new Thread(serving, "udp-server-test");
        servingThread.setDaemon(true);
        servingThread.start();
        peer = Loopback.peer();
    }

    private void send(byte[] payload) throws IOException {
        peer.send(ByteBuffer.wrap(payload), server.localAddress());
    }

    private StopReason awaitStop() throws Exception {
        try {
            return serving.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("serve() did not return within 10 s", e);
        }
    }

    /** Polls the stats until {@code done} holds, for at most 10 s. */
    private TransportStats awaitStats(Predicate<TransportStats> done) throws InterruptedException {
        TransportStats stats = server.stats();
        for (int attempt = 0; attempt < 2_000 && !done.test(stats); attempt++) {
            Thread.sleep(5);
            stats = server.stats();
        }
        assertTrue(done.test(stats), "stats never got there: " + stats.toJson());
        return stats;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop();
            try {
                serving.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The test already reported what matters.
            }
            server.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private static UdpServer.Builder<Object> onLoopback() {
        return UdpServer.builder().host("127.0.0.1").port(0);
    }

    @Test
    void aCodecLookedUpByNameMustMakeTheHandlersType() {
        io.udpkit.core.CodecException e = assertThrows(io.udpkit.core.CodecException.class,
                () -> UdpServer.builder().codec("text", "", StructReader.class));
        assertEquals("codec 'text' makes java.lang.String values, not "
                + "io.udpkit.codec.struct.StructReader", e.getMessage());
    }

    @Test
    void echoRepliesToEveryDatagramAndHandsDecodedValuesToTheHandler() throws Exception {
        List<String> decoded = new CopyOnWriteArrayList<>();
        List<String> rejected = new CopyOnWriteArrayList<>();
        start(onLoopback().codec("struct", RECIPE, StructReader.class).reply(ReplyPolicy.ECHO)
                .handler(new DatagramHandler<StructReader>() {
                    @Override
                    public void onMessage(StructReader record, io.udpkit.core.InboundDatagram datagram) {
                        assertEquals(PythonRepr.of(record), record.toString());
                        decoded.add(PythonRepr.of(record));
                    }

                    @Override
                    public void onUndecodable(io.udpkit.core.InboundDatagram datagram,
                                              io.udpkit.core.CodecException error) {
                        rejected.add(error.getMessage());
                    }
                }).open());

        send("data".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("data".getBytes(StandardCharsets.US_ASCII), Loopback.receive(peer, 10_000));
        send(recipeRecord());
        assertArrayEquals(recipeRecord(), Loopback.receive(peer, 10_000));
        // The reply goes out before the handler runs: wait for the handler too.
        awaitStats(s -> decoded.size() == 1);

        assertEquals(List.of("(1, b'ab', 2, 3, 3, 2.5)"), decoded);
        assertEquals(1, rejected.size());
        TransportStats stats = server.stats();
        assertEquals(2, stats.received());
        assertEquals(1, stats.decoded());
        assertEquals(1, stats.undecodable());
        assertEquals(2, stats.replied());
    }

    @Test
    void upperRepliesWithStripUpperEvenToUndecodableDatagrams() throws Exception {
        start(onLoopback().codec("struct", RECIPE).reply(ReplyPolicy.UPPER).open());
        send(" hello world\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("HELLO WORLD".getBytes(StandardCharsets.US_ASCII),
                Loopback.receive(peer, 10_000));
        assertEquals(1, server.stats().undecodable());
    }

    @Test
    void noneSendsNoReply() throws Exception {
        start(onLoopback().reply(ReplyPolicy.NONE).open());
        send(new byte[] {1, 2, 3});
        send(new byte[] {4});
        TransportStats stats = awaitStats(s -> s.received() == 2);
        assertEquals(0, stats.replied());
        assertNull(Loopback.receive(peer, 200), "no datagram comes back");
    }

    @Test
    void emptyDatagramStopsTheServerWhenEnabled() throws Exception {
        start(onLoopback().reply(ReplyPolicy.ECHO).stopOnEmpty(true).open());
        send(new byte[0]);
        assertEquals(StopReason.STOPPED, awaitStop());
        assertEquals(0, server.stats().replied(), "the stop datagram is not answered");
    }

    @Test
    void emptyDatagramIsAnOrdinaryDatagramByDefault() throws Exception {
        start(onLoopback().reply(ReplyPolicy.ECHO).open());
        send(new byte[0]);
        assertArrayEquals(new byte[0], Loopback.receive(peer, 10_000));
        assertTrue(servingThread.isAlive());
        server.stop();
        assertEquals(StopReason.STOPPED, awaitStop());
    }

    @Test
    void truncatedDatagramIsCountedAndNeverHandled() throws Exception {
        List<Integer> lengths = new CopyOnWriteArrayList<>();
        start(UdpServer.builder()
                .config(TransportConfig.builder()
                        .bindAddress(new InetSocketAddress(Loopback.address(), 0))
                        .maxDatagramSize(16).build())
                .reply(ReplyPolicy.ECHO)
                .handler((value, datagram) -> lengths.add(datagram.length()))
                .open());
        send(new byte[17]);
        send(new byte[16]);
        assertEquals(16, Loopback.receive(peer, 10_000).length, "only the fitting one is echoed");
        TransportStats stats = awaitStats(s -> s.received() == 2);
        assertEquals(1, stats.truncated());
        assertEquals(List.of(16), lengths);
    }

    @Test
    void handlerExceptionsAreCountedAndServingGoesOn() throws Exception {
        List<Integer> lengths = new CopyOnWriteArrayList<>();
        start(onLoopback().reply(ReplyPolicy.ECHO).handler((value, datagram) -> {
            lengths.add(datagram.length());
            if (datagram.length() == 1) {
                throw new IllegalStateException("handler bug");
            }
        }).open());
        send(new byte[1]);
        assertEquals(1, Loopback.receive(peer, 10_000).length, "the reply precedes the handler");
        send(new byte[2]);
        assertEquals(2, Loopback.receive(peer, 10_000).length);
        TransportStats stats = awaitStats(s -> s.handlerErrors() == 1 && lengths.size() == 2);
        assertEquals(2, stats.replied());
    }

    @Test
    void stopFromAnotherThreadEndsServingAndStatsSurviveClose() throws Exception {
        start(onLoopback().reply(ReplyPolicy.ECHO).open());
        send(new byte[] {7});
        Loopback.receive(peer, 10_000);
        server.stop();
        assertEquals(StopReason.STOPPED, awaitStop());
        server.close();
        assertEquals(1, server.stats().received());
    }

    @Test
    void builderRefusesAHandlerBeforeTheCodec() {
        UdpServer.Builder<Object> builder = UdpServer.builder().handler((value, datagram) -> { });
        assertThrows(IllegalStateException.class, () -> builder.codec("raw", ""));
    }

    @Test
    void builderRejectsPortOutOfRange() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> UdpServer.builder().port(70_000));
        assertEquals("port out of range: 70000", error.getMessage());
    }

    @Test
    void repliesAllocateNothingPerDatagram() throws Exception {
        start(onLoopback().codec("struct", RECIPE).reply(ReplyPolicy.UPPER).open());
        byte[] record = recipeRecord();
        // Warm up (class loading, JIT, the first sender address), then measure the serving
        // thread's allocations over many more datagrams. 500 round trips were too few for C2 on
        // a loaded 2-core machine: C1 code, which allocates, was still running in the window.
        for (int i = 0; i < 5_000; i++) {
            send(record);
            Loopback.receive(peer, 10_000);
        }
        long before = allocatedBytes(servingThread);
        int measured = 2_000;
        for (int i = 0; i < measured; i++) {
            send(record);
            Loopback.receive(peer, 10_000);
        }
        long perDatagram = (allocatedBytes(servingThread) - before) / measured;
        assertEquals(0, perDatagram, "bytes allocated per datagram on the serving thread");
    }

    /** com.sun.management.ThreadMXBean, reached by reflection: this module does not read it. */
    private static long allocatedBytes(Thread thread) throws Exception {
        Object bean = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean").invoke(null);
        Method method = Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getThreadAllocatedBytes", long.class);
        return (Long) method.invoke(bean, thread.getId());
    }

    /** The recipe's struct codec, counting the datagrams its decoders see; with or without a sample. */
    private static Codec<Object> countingStruct(AtomicInteger decodes, boolean withSample) {
        @SuppressWarnings("unchecked")
        Codec<Object> struct = (Codec<Object>) CodecRegistry.installed().create("struct", RECIPE);
        return new Codec<>() {
            @Override
            public Object decode(ByteBuffer payload) {
                decodes.incrementAndGet();
                return struct.decode(payload);
            }

            @Override
            public void encode(Object value, ByteBuffer out) {
                struct.encode(value, out);
            }

            @Override
            public Decoder<Object> newDecoder() {
                Decoder<Object> decoder = struct.newDecoder();
                return payload -> {
                    decodes.incrementAndGet();
                    return decoder.decode(payload);
                };
            }

            @Override
            public Optional<ByteBuffer> samplePayload() {
                return withSample ? struct.samplePayload() : Optional.empty();
            }
        };
    }

    @Test
    void warmupDrivesTheDecoderBeforeBindingWithoutCallingTheHandlerOrCounting() throws Exception {
        AtomicInteger decodes = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        UdpServer<Object> warmed = onLoopback().codec(countingStruct(decodes, true)).reply(ReplyPolicy.UPPER)
                .warmup(1_000).handler(new DatagramHandler<Object>() {
                    @Override
                    public void onMessage(Object value, io.udpkit.core.InboundDatagram datagram) {
                        handled.incrementAndGet();
                    }

                    @Override
                    public void onUndecodable(io.udpkit.core.InboundDatagram datagram,
                                              io.udpkit.core.CodecException error) {
                        handled.incrementAndGet();
                    }
                }).open();

        // 1,000 synthetic datagrams per round (1 to 3 rounds), and up to 1,000 real ones over
        // loopback before them.
        assertTrue(decodes.get() > 1_000 && decodes.get() <= 1_000 + 1_000 * StartupWarmup.MAX_SYNTHETIC_ROUNDS,
                "every warm-up datagram went through a decoder: " + decodes.get());
        assertEquals(0, handled.get(), "the user's handler is not part of the warm-up");
        TransportStats atOpen = warmed.stats();
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), List.of(atOpen.received(), atOpen.decoded(),
                atOpen.undecodable(), atOpen.replied(), atOpen.handlerErrors(), atOpen.truncated()), atOpen.toJson());
        start(warmed);
        send(recipeRecord());
        byte[] upper = recipeRecord();
        upper[4] = 'A';
        upper[5] = 'B';
        assertArrayEquals(upper, Loopback.receive(peer, 10_000));
        TransportStats stats = awaitStats(s -> handled.get() == 1);
        assertEquals(1, stats.received());
        assertEquals(1, stats.replied());
    }

    @Test
    void warmupIsSkippedForACodecWithoutASamplePayload() throws Exception {
        AtomicInteger decodes = new AtomicInteger();
        try (UdpServer<Object> server = onLoopback().codec(countingStruct(decodes, false)).warmup(1_000).open()) {
            assertEquals(0, decodes.get());
            assertEquals(0, server.stats().received());
        }
    }

    @Test
    void warmupRejectsANegativeCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UdpServer.builder().warmup(-1));
        assertEquals("warm-up datagrams out of range 0..10000000: -1", e.getMessage());
    }

    @Test
    void aWarmupStandInIsCalledInThePassAndTheRealHandlerNever() throws Exception {
        AtomicInteger standIn = new AtomicInteger();
        AtomicInteger real = new AtomicInteger();
        try (UdpServer<Object> warmed = onLoopback().codec("struct", RECIPE)
                .warmup(2_000, (value, datagram) -> standIn.incrementAndGet())
                .handler((value, datagram) -> real.incrementAndGet()).open()) {
            // Every decoded synthetic record (one in 64 is a byte short), and the loopback ones.
            assertTrue(standIn.get() > 2_000 - 2_000 / 64, "every decoded warm-up record: " + standIn.get());
            assertEquals(0, real.get());
            assertEquals(0, warmed.stats().received());
        }
    }
}
