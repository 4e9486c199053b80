package io.udpkit.transport.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.DatagramHandler;
import io.udpkit.core.IoMode;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.core.UdpEndpoint;
import io.udpkit.core.testing.AllocationMeter;
import io.udpkit.core.testing.BackgroundServe;
import io.udpkit.core.testing.JunkAndRecords;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/**
 * Pins the batch path's promise: zero allocation per datagram for real traffic, not only for one
 * well-behaved sender. Eight senders take turns (the NIO path builds an address object whenever
 * the sender changes) and every other datagram is undecodable (the codec's failure path); the loop
 * thread's allocated bytes, as the JVM counts them, barely move.
 */
class BatchAllocationTest {

    private static final int SENDERS = 8;
    private static final int WARM_UP_ROUNDS = 10_000;
    private static final int MEASURED_ROUNDS = 2_500;

    @Test
    void manySendersAndJunkAllocateLessThanOneBytePerDatagram() throws Exception {
        AllocationMeter meter = AllocationMeter.assumeSupported();

        DatagramHandler<ByteBuffer> echo = (payload, datagram) -> datagram.reply(payload);
        DatagramChannel[] senders = new DatagramChannel[SENDERS];
        try (UdpEndpoint server = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress("127.0.0.1", 0).io(IoMode.BATCH)
                        .receiveBufferSize(1 << 20).build());
                BackgroundServe loop = BackgroundServe.start(server, FourByteCodec.INSTANCE,
                        echo)) {
            assertEquals("batch", server.ioPath());
            for (int i = 0; i < SENDERS; i++) {
                senders[i] = DatagramChannel.open();
                senders[i].bind(new InetSocketAddress("127.0.0.1", 0));
                senders[i].configureBlocking(true);
            }
            InetSocketAddress target = server.localAddress();
            JunkAndRecords traffic = new JunkAndRecords(3, 4, 1);
            traffic.send(senders, target, WARM_UP_ROUNDS);
            long perRound = 2L * SENDERS;
            loop.awaitStats(s -> s.received() == WARM_UP_ROUNDS * perRound
                    && s.replied() == WARM_UP_ROUNDS * SENDERS);
            long before = meter.allocatedBy(loop.thread());
            traffic.send(senders, target, MEASURED_ROUNDS);
            TransportStats stats = loop.awaitStats(
                    s -> s.received() == (WARM_UP_ROUNDS + MEASURED_ROUNDS) * perRound
                            && s.replied() == (WARM_UP_ROUNDS + MEASURED_ROUNDS) * SENDERS);
            long allocated = meter.allocatedBy(loop.thread()) - before;
            long datagrams = MEASURED_ROUNDS * perRound;

            assertEquals(stats.received() / 2, stats.undecodable(), "half were junk");
            assertEquals(stats.received() / 2, stats.replied());
            assertTrue(allocated < datagrams, "loop thread allocated " + allocated
                    + " bytes for " + datagrams + " datagrams from " + SENDERS + " senders");
        } finally {
            for (DatagramChannel sender : senders) {
                if (sender != null) {
                    sender.close();
                }
            }
        }
    }
}
