package io.udpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's fuzz proof at the level users run: a server decoding the recipe's struct records
 * takes tens of thousands of random and near-miss datagrams, keeps serving, decodes a good record
 * afterwards, and accounts for every datagram in exactly one counter.
 */
class StructServerFuzzTest {

    private static final String RECIPE = "! I 2s Q 2h f";
    private static final int DATAGRAMS = 30_000;
    private static final long TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @Test
    void randomAndNearMissDatagramsAreCountedAndAGoodRecordStillDecodes() throws Exception {
        AtomicLong lastId = new AtomicLong(-1);
        UdpServer<StructReader> server = UdpServer.builder()
                .config(TransportConfig.builder()
                        .bindAddress(new InetSocketAddress(Loopback.address(), 0))
                        .maxDatagramSize(1024)
                        .receiveBufferSize(4 << 20)
                        .build())
                .codec(Struct.compile(RECIPE).codec())
                .reply(ReplyPolicy.NONE)
                .handler((record, datagram) -> lastId.set(record.getLong(0)))
                .open();
        FutureTask<StopReason> serving = new FutureTask<>(server::serve);
        Thread thread = new Thread(serving, "fuzzed-server");
        thread.setDaemon(true);
        thread.start();

        Random random = new Random(20261125L);
        byte[] good = UdpServerTest.recipeRecord();
        long sent = 0;
        long expectedDecoded = 0;
        long expectedTruncated = 0;
        try (DatagramChannel peer = Loopback.peer()) {
            InetSocketAddress target = server.localAddress();
            long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
            for (int i = 0; i < DATAGRAMS && System.nanoTime() < deadline; i++) {
                byte[] payload = fuzzed(random, good);
                if (payload.length == good.length) {
                    expectedDecoded++; // any 22 bytes are a valid '! I 2s Q 2h f' record
                } else if (payload.length > 1024) {
                    expectedTruncated++;
                }
                peer.send(ByteBuffer.wrap(payload), target);
                sent++;
                if ((i & 255) == 0) {
                    awaitReceived(server, sent - 2048); // keep the socket buffer from overflowing
                }
            }
            awaitReceived(server, sent);
            ByteBuffer last = ByteBuffer.wrap(good.clone());
            last.putInt(0, 424242);
            peer.send(last, target);
            sent++;
            expectedDecoded++;
            awaitReceived(server, sent);
        }
        server.stop();
        assertEquals(StopReason.STOPPED, serving.get(10, TimeUnit.SECONDS));
        server.close();

        TransportStats stats = server.stats();
        assertEquals(424242, lastId.get(), "the good record after the fuzz decoded");
        assertEquals(sent, stats.received(), stats.toJson());
        assertEquals(expectedDecoded, stats.decoded(), stats.toJson());
        assertEquals(expectedTruncated, stats.truncated(), stats.toJson());
        assertEquals(stats.received(), stats.decoded() + stats.undecodable() + stats.truncated(),
                "every datagram in exactly one counter: " + stats.toJson());
        assertEquals(0, stats.handlerErrors(), stats.toJson());
        assertTrue(stats.undecodable() > DATAGRAMS / 2, "most fuzz is undecodable: " + stats.toJson());
    }

    /** Random bytes of a random size, or the good record with a few bytes changed, cut or added. */
    private static byte[] fuzzed(Random random, byte[] good) {
        switch (random.nextInt(4)) {
            case 0: {
                byte[] bytes = new byte[random.nextInt(random.nextInt(10) == 0 ? 2000 : 64)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1: {
                byte[] bytes = good.clone();
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                return bytes;
            }
            case 2:
                return java.util.Arrays.copyOf(good, random.nextInt(good.length));
            default:
                return java.util.Arrays.copyOf(good, good.length + 1 + random.nextInt(8));
        }
    }

    private static void awaitReceived(UdpServer<?> server, long count) throws InterruptedException {
        for (int attempt = 0; attempt < 2_000 && server.stats().received() < count; attempt++) {
            Thread.sleep(5);
        }
        assertTrue(server.stats().received() >= count,
                "server stopped receiving: " + server.stats().toJson() + " want " + count);
    }
}
