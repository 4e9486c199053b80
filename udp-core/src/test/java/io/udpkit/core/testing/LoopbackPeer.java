package io.udpkit.core.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A plain {@link DatagramSocket} on 127.0.0.1 with an ephemeral port, independent of the code
 * under test, to send datagrams and read replies.
 */
public final class LoopbackPeer implements AutoCloseable {

    private final DatagramSocket socket;

    /**
     * Binds a socket to 127.0.0.1 on a port the kernel picks.
     *
     * @throws IOException if the socket cannot be bound
     */
    public LoopbackPeer() throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /**
     * This peer's address, as the endpoint under test sees it.
     *
     * @return 127.0.0.1 and this socket's port
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /**
     * Sends one datagram.
     *
     * @param target where to
     * @param bytes  the payload
     * @throws IOException if sending fails
     */
    public void send(InetSocketAddress target, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    /**
     * Waits for one datagram.
     *
     * @param timeout how long to wait
     * @return its payload, or {@code null} if none arrived in time
     * @throws IOException if receiving fails
     */
    public byte[] receive(Duration timeout) throws IOException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    @Override
    public void close() {
        socket.close();
    }
}
