package io.udpkit.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

/** Plain JDK sockets on 127.0.0.1 for tests: a peer independent of the code under test. */
public final class Loopback {

    private Loopback() {
    }

    /** 127.0.0.1. */
    public static InetAddress address() {
        return InetAddress.getLoopbackAddress();
    }

    /** A port that was free a moment ago (bound and released). */
    public static int freePort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.bind(new InetSocketAddress(address(), 0));
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    /** A blocking channel bound to an ephemeral loopback port. */
    public static DatagramChannel peer() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(address(), 0));
        return channel;
    }

    /**
     * Receives one datagram, waiting at most {@code millis}; {@code null} if none came. Polls a
     * non-blocking channel, a bounded number of times.
     */
    public static byte[] receive(DatagramChannel channel, long millis) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer buffer = ByteBuffer.allocate(70_000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (int attempt = 0; attempt < 100_000; attempt++) {
            if (channel.receive(buffer) != null) {
                buffer.flip();
                byte[] payload = new byte[buffer.remaining()];
                buffer.get(payload);
                return payload;
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
