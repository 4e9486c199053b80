package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import io.udpkit.core.testing.CountingEcho;
import io.udpkit.core.testing.SevenByteCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoopWarmupTest {

    private static final int SAMPLE_LENGTH = SevenByteCodec.LENGTH;

    private static Codec<Integer> sevenBytes(boolean withSample) {
        return SevenByteCodec.create(withSample);
    }

    @ParameterizedTest
    @EnumSource(value = IoMode.class, names = {"NIO", "BATCH"})
    void everySyntheticDatagramGoesThroughTheLoopOnItsOwnCounters(IoMode io) {
        TransportConfig config = TransportConfig.builder().io(io).build();
        CountingEcho<Integer> handler = new CountingEcho<>();
        int datagrams = 10_000;

        TransportStats stats = LoopWarmup.run(config, sevenBytes(true), handler, datagrams).orElseThrow();

        int shortOnes = datagrams / SyntheticDatagramSocket.UNDECODABLE_EVERY;
        assertEquals(datagrams, stats.received());
        assertEquals(datagrams - shortOnes, stats.decoded());
        assertEquals(shortOnes, stats.undecodable());
        assertEquals(datagrams, stats.replied(), "every reply consumed and counted, none sent");
        assertEquals(0, stats.handlerErrors());
        assertEquals(datagrams - shortOnes, handler.messages.get());
        assertEquals(shortOnes, handler.rejected.get());
        assertTrue(handler.batches.get() > 0, "onBatchEnd is part of the warmed path");
    }

    @Test
    void nothingRunsForACodecWithoutASample() {
        CountingEcho<Integer> handler = new CountingEcho<>();

        assertTrue(LoopWarmup.run(TransportConfig.builder().build(), sevenBytes(false), handler, 1_000).isEmpty());
        assertEquals(0, handler.messages.get() + handler.rejected.get());
    }

    @Test
    void aNegativeCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoopWarmup.run(TransportConfig.builder().build(), sevenBytes(true), new CountingEcho<>(), -1));
        assertEquals("warm-up datagrams must not be negative: -1", e.getMessage());
    }

    @Test
    void aPerSourceRateLimitStillLetsTheWarmupThrough() {
        TransportConfig config = TransportConfig.builder().io(IoMode.NIO).maxPacketsPerSecondPerSource(50).build();
        CountingEcho<Integer> handler = new CountingEcho<>();

        TransportStats stats = LoopWarmup.run(config, sevenBytes(true), handler, 20_000).orElseThrow();

        assertEquals(20_000, stats.received());
        assertEquals(0, stats.rateLimited(), "1024 synthetic sources, under 20 datagrams each");
        assertEquals(20_000, handler.messages.get() + handler.rejected.get());
    }

    @Test
    void theSyntheticSocketEndsEachRunAfterOneDatagramOrNowAndThenAFullBatch() {
        int capacity = 8;
        SyntheticDatagramSocket socket = new SyntheticDatagramSocket(
                ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7}), capacity, 200, 100);
        LoopGroup group = new LoopGroup(List.of(), 0);
        socket.stopWhenDone(group);
        List<Integer> perRun = new ArrayList<>();
        int inRun = 0;
        while (perRun.size() < 1_000) {
            int received = socket.receive();
            inRun += received;
            if (received == 0) {
                assertEquals(StopReason.STOPPED, group.stopReason(), "each run is stopped");
                perRun.add(inRun);
                inRun = 0;
                if (socket.done()) {
                    break;
                }
                group.endServe(StopReason.STOPPED);
            }
        }

        int full = SyntheticDatagramSocket.FULL_RUN_EVERY - 1;
        assertEquals(List.of(1, 1, capacity), List.of(perRun.get(0), perRun.get(full - 1), perRun.get(full)));
        assertEquals(200, perRun.stream().mapToInt(Integer::intValue).sum());
        assertEquals(200 - 2 * (capacity - 1), perRun.size(), "two full runs, the rest one each");
        assertTrue(socket.done());
    }
}
