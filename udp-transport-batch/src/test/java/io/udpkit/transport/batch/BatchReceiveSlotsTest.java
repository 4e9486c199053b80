package io.udpkit.transport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.IoMode;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.spi.DatagramSocketIo;
import io.udpkit.core.testing.LoopbackPeer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Datagrams of every size around the batch path's small receive slot (2 KiB, the rest of a large
 * slot behind it) arrive whole and in order, also when a wake datagram between them moves them.
 */
class BatchReceiveSlotsTest {

    private static final int[] SIZES = {0, 1, 22, 2047, 2048, 2049, 3000, 4096, 30_000, 65_507};

    @Test
    void everySizeArrivesWholeWithTheDefaultSlots() throws Exception {
        receiveAll(TransportConfig.builder(), false);
    }

    @Test
    void everySizeArrivesWholeWhenAWakeMovesThem() throws Exception {
        receiveAll(TransportConfig.builder(), true);
    }

    @Test
    void smallSlotsAreNotSplitAndStillTruncate() throws Exception {
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .io(IoMode.BATCH).batchSize(16).maxDatagramSize(3000).build();
        try (DatagramSocketIo socket = new BatchTransportProvider().open(config, config.bindAddress(), false);
                LoopbackPeer peer = new LoopbackPeer()) {
            peer.send(socket.localAddress(), pattern(2999));
            peer.send(socket.localAddress(), pattern(3001));
            assertEquals(2, socket.awaitAndReceive(1_000_000_000L));
            assertEquals(2999, socket.length(0));
            assertTrue(!socket.truncated(0));
            assertBytes(pattern(2999), socket.payload(0), 2999);
            assertTrue(socket.truncated(1), "3001 bytes do not fit a 3000-byte slot");
        }
    }

    private static void receiveAll(TransportConfig.Builder builder, boolean wakeInBetween) throws Exception {
        TransportConfig config = builder.bindAddress("127.0.0.1", 0).io(IoMode.BATCH).batchSize(32)
                .receiveBufferSize(1 << 20).build();
        try (DatagramSocketIo socket = new BatchTransportProvider().open(config, config.bindAddress(), false);
                LoopbackPeer peer = new LoopbackPeer()) {
            InetSocketAddress to = socket.localAddress();
            for (int size : SIZES) {
                if (wakeInBetween) {
                    socket.wakeup();
                }
                peer.send(to, pattern(size));
            }
            assertEquals(SIZES.length, socket.awaitAndReceive(1_000_000_000L));
            for (int m = 0; m < SIZES.length; m++) {
                assertEquals(SIZES[m], socket.length(m), "message " + m);
                assertTrue(!socket.truncated(m), "message " + m);
                assertBytes(pattern(SIZES[m]), socket.payload(m), SIZES[m]);
            }
        }
    }

    private static void assertBytes(byte[] expected, ByteBuffer payload, int length) {
        ByteBuffer view = payload.duplicate();
        view.clear().limit(length);
        byte[] actual = new byte[length];
        view.get(actual);
        for (int i = 0; i < length; i++) {
            if (expected[i] != actual[i]) {
                throw new AssertionError("byte " + i + " of " + length + ": " + actual[i] + " != " + expected[i]);
            }
        }
    }

    /** Bytes that differ from position to position, so a misplaced run shows. */
    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + size + (i >>> 8));
        }
        return bytes;
    }
}
