package io.udpkit.core;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Wakes a thread blocked in a blocking {@link DatagramChannel#receive} ({@link
 * IdleStrategy#RECEIVE} on the NIO path) by sending that socket an empty datagram from a private
 * socket of its own, bound to the same address (loopback when the socket is bound to the wildcard
 * address). A selector wake-up cannot reach a thread blocked in {@code recvfrom}; a datagram can.
 * The receiver recognises the datagram by its length (0) and its source, this waker's address and
 * port, and discards it uncounted; no other socket can send from that address and port.
 *
 * <p>Best effort: a wake datagram is lost only when the kernel drops it, which a full receive
 * buffer cannot cause while the receiver is blocked (the queue is then empty), but a firewall that
 * drops local traffic can; the receiver then wakes at its next datagram.
 */
final class ReceiveWaker implements Closeable {

    private final DatagramChannel channel;
    private final InetSocketAddress own;
    private final InetSocketAddress target;
    private final ByteBuffer nothing = ByteBuffer.allocate(0);

    private ReceiveWaker(DatagramChannel channel, InetSocketAddress own, InetSocketAddress target) {
        this.channel = channel;
        this.own = own;
        this.target = target;
    }

    /**
     * Opens a waker for the socket bound to {@code socketAddress}.
     *
     * @throws IOException if the private socket cannot be opened or bound
     */
    static ReceiveWaker open(InetSocketAddress socketAddress) throws IOException {
        InetAddress ip = socketAddress.getAddress();
        boolean ipv6 = ip instanceof Inet6Address;
        if (ip.isAnyLocalAddress()) {
            ip = InetAddress.getByAddress(ipv6
                    ? new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
                    : new byte[] {127, 0, 0, 1});
        }
        DatagramChannel channel = DatagramChannel.open(ipv6
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(ip, 0));
            channel.configureBlocking(false);
            return new ReceiveWaker(channel, (InetSocketAddress) channel.getLocalAddress(),
                    new InetSocketAddress(ip, socketAddress.getPort()));
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Sends the wake datagram; never blocks, never throws. Any thread. */
    synchronized void wake() {
        try {
            nothing.clear();
            channel.send(nothing, target);
        } catch (IOException e) {
            // Best effort: the receiver wakes at its next datagram anyway.
        }
    }

    /** Whether an empty datagram from {@code sender} is this waker's. */
    boolean sent(InetSocketAddress sender) {
        return sender.getPort() == own.getPort() && sender.getAddress().equals(own.getAddress());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
