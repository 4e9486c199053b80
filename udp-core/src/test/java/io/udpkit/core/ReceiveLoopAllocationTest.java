package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.testing.AllocationMeter;
import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.BackgroundServe;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the promise that the receive loop allocates nothing per datagram in the steady state: the
 * loop thread's allocated bytes, as the JVM counts them, barely move over thousands of datagrams.
 * (In a test JVM the socket's descriptor is below 128, where the JDK selector's boxed descriptor
 * lookup hits the Integer cache; see {@link UdpEndpoint}.) Under {@link IdleStrategy#BLOCK} on the
 * JDK's default path, and under {@link IdleStrategy#RECEIVE} on the NIO path, where the loop sleeps
 * in a blocking receive.
 */
class ReceiveLoopAllocationTest {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 20_000;

    @ParameterizedTest
    @EnumSource(value = IdleStrategy.class, names = {"BLOCK", "RECEIVE"})
    void steadyStateLoopAllocatesLessThanOneBytePerDatagram(IdleStrategy idle) throws Exception {
        AllocationMeter meter = AllocationMeter.assumeSupported();

        // Decodes zero-copy, reads a byte and replies with the payload view, as an echo server
        // does; every reply goes to the same sender.
        DatagramHandler<ByteBuffer> echo = (payload, datagram) -> {
            if (payload.get(0) >= 0) {
                datagram.reply(payload);
            }
        };
        try (UdpEndpoint server = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress("127.0.0.1", 0).receiveBufferSize(1 << 20).idleStrategy(idle)
                        .io(idle == IdleStrategy.RECEIVE ? IoMode.NIO : IoMode.AUTO).build());
                BackgroundServe loop = BackgroundServe.start(server, RawCodec.INSTANCE, echo);
                DatagramChannel client = DatagramChannel.open()) {
            client.bind(new InetSocketAddress("127.0.0.1", 0));
            client.configureBlocking(true);
            ByteBuffer request = ByteBuffer.allocateDirect(32);
            ByteBuffer reply = ByteBuffer.allocateDirect(64);
            InetSocketAddress target = server.localAddress();

            pingPong(client, request, reply, target, WARM_UP);
            loop.awaitStats(s -> s.replied() == WARM_UP);
            long before = meter.allocatedBy(loop.thread());
            pingPong(client, request, reply, target, MEASURED);
            loop.awaitStats(s -> s.replied() == WARM_UP + MEASURED);
            long allocated = meter.allocatedBy(loop.thread()) - before;

            assertTrue(allocated < MEASURED, "loop thread allocated " + allocated + " bytes for "
                    + MEASURED + " datagrams");
        }
    }

    /** Request and reply in lock step, so the kernel never drops and the count is exact. */
    private static void pingPong(DatagramChannel client, ByteBuffer request, ByteBuffer reply,
            InetSocketAddress target, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            request.clear().limit(16);
            client.send(request, target);
            reply.clear();
            client.receive(reply);
        }
    }
}
