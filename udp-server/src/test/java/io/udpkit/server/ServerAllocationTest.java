package io.udpkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udpkit.core.IoMode;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.core.testing.AllocationMeter;
import io.udpkit.core.testing.JunkAndRecords;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What the README promises is zero: an echo server with the struct codec allocates nothing per
 * datagram for records and for undecodable junk, on whichever I/O path this JVM runs (NIO on JDK
 * 17, batch on 22+); and, on the batch path, nothing either when many senders take turns (on the
 * NIO path the JDK builds an address object whenever the sender changes, so that case is the
 * batch path's alone).
 */
class ServerAllocationTest {

    private static final String RECIPE = "! I 2s Q 2h f";
    private static final int WARM_UP_ROUNDS = 10_000;
    private static final int MEASURED_ROUNDS = 5_000;

    @Test
    void recordsAndJunkFromOneSenderAllocateNothing() throws Exception {
        measure(1, true);
    }

    @Test
    void manySendersAllocateNothingOnTheBatchPath() throws Exception {
        measure(8, false);
    }

    private static void measure(int senderCount, boolean bothPaths) throws Exception {
        AllocationMeter meter = AllocationMeter.assumeSupported();
        DatagramChannel[] senders = new DatagramChannel[senderCount];
        try (UdpServer<Object> server = UdpServer.builder()
                .config(TransportConfig.builder().bindAddress(new InetSocketAddress(Loopback.address(), 0))
                        .receiveBufferSize(1 << 20).io(IoMode.AUTO).build())
                .codec("struct", RECIPE)
                .reply(ReplyPolicy.ECHO)
                .open()) {
            assumeTrue(bothPaths || server.ioPath().equals("batch"),
                    "many senders allocate on the NIO path (the JDK's address objects)");
            Thread[] loopThread = new Thread[1];
            FutureTask<?> serving = new FutureTask<>(() -> {
                loopThread[0] = Thread.currentThread();
                return server.serve();
            });
            new Thread(serving, "udp-serve").start();
            for (int i = 0; i < senderCount; i++) {
                senders[i] = Loopback.peer();
                senders[i].configureBlocking(true);
            }
            InetSocketAddress target = server.localAddress();
            long perRound = 2L * senderCount;
            JunkAndRecords traffic = new JunkAndRecords(5, 22, 2);
            traffic.send(senders, target, WARM_UP_ROUNDS);
            await(server, s -> s.received() == WARM_UP_ROUNDS * perRound
                    && s.replied() == WARM_UP_ROUNDS * perRound);
            long before = meter.allocatedBy(loopThread[0]);
            traffic.send(senders, target, MEASURED_ROUNDS);
            long total = (WARM_UP_ROUNDS + MEASURED_ROUNDS) * perRound;
            TransportStats stats = await(server,
                    s -> s.received() == total && s.replied() == total);
            long allocated = meter.allocatedBy(loopThread[0]) - before;
            server.stop();
            serving.get(10, TimeUnit.SECONDS);

            long datagrams = MEASURED_ROUNDS * perRound;
            assertEquals(total / 2, stats.undecodable(), "half were junk");
            assertTrue(allocated < datagrams, server.ioPath() + " loop allocated " + allocated
                    + " bytes for " + datagrams + " datagrams from " + senderCount + " senders");
        } finally {
            for (DatagramChannel sender : senders) {
                if (sender != null) {
                    sender.close();
                }
            }
        }
    }

    private static TransportStats await(UdpServer<?> server, Predicate<TransportStats> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        TransportStats stats = server.stats();
        while (!condition.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(2);
            stats = server.stats();
        }
        assertTrue(condition.test(stats), "never reached: " + stats);
        return stats;
    }
}
