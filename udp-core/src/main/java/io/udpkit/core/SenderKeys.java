package io.udpkit.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The rate limiter's key for a sender, computed from an address object without allocating. The
 * batch path computes the same keys from raw socket addresses (see
 * {@link io.udpkit.core.spi.DatagramSocketIo#senderKey}).
 */
final class SenderKeys {

    private static final long IPV4_TAG = 1L << 48;
    private static final long IPV6_TAG = 2L << 48;

    private SenderKeys() {
    }

    /**
     * An IPv4 sender's key is exact (tag, address, port); an IPv6 sender's holds the address's
     * 32-bit hash ({@code Inet6Address.hashCode()}) instead of the address. Never 0.
     */
    static long of(InetSocketAddress sender) {
        InetAddress address = sender.getAddress();
        long port = sender.getPort() & 0xFFFFL;
        // Inet4Address.hashCode() is the address itself; Inet6Address's is a hash of its bytes.
        // Both are computed without allocating, unlike getAddress(), which copies.
        long addressBits = (address.hashCode() & 0xFFFF_FFFFL) << 16;
        return (address instanceof Inet4Address ? IPV4_TAG : IPV6_TAG) | addressBits | port;
    }
}
