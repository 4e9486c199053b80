package io.udpkit.transport.batch;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code sockaddr_in} and {@code sockaddr_in6} in native memory: family in the host's order, port
 * and address in network order.
 */
final class SockAddr {

    private static final ValueLayout.OfShort FAMILY = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfShort NET_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt NET_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt HOST_INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final long IPV4_TAG = 1L << 48;
    private static final long IPV6_TAG = 2L << 48;

    private SockAddr() {
    }

    /**
     * Writes {@code address} for a socket of {@code socketFamily} (an IPv4 address becomes
     * IPv4-mapped for an IPv6 socket).
     *
     * @return the structure's length
     * @throws IOException if an IPv6 address is given to an IPv4 socket
     */
    static int write(InetSocketAddress address, int socketFamily, MemorySegment to, long at)
            throws IOException {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IOException("unresolved address: " + address.getHostString());
        }
        byte[] bytes = ip.getAddress();
        to.asSlice(at, Libc.NAME_SIZE).fill((byte) 0);
        to.set(NET_SHORT, at + 2, (short) address.getPort());
        if (socketFamily == Libc.AF_INET) {
            if (bytes.length != 4) {
                throw new IOException("cannot reach the IPv6 address " + address
                        + " from an IPv4 socket");
            }
            to.set(FAMILY, at, (short) Libc.AF_INET);
            MemorySegment.copy(bytes, 0, to, ValueLayout.JAVA_BYTE, at + 4, 4);
            return Libc.SOCKADDR_IN_SIZE;
        }
        to.set(FAMILY, at, (short) Libc.AF_INET6);
        if (bytes.length == 4) {
            to.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + 8 + 10, (short) -1);
            MemorySegment.copy(bytes, 0, to, ValueLayout.JAVA_BYTE, at + 8 + 12, 4);
        } else {
            MemorySegment.copy(bytes, 0, to, ValueLayout.JAVA_BYTE, at + 8, 16);
            if (ip instanceof Inet6Address v6) {
                to.set(HOST_INT, at + 24, v6.getScopeId());
            }
        }
        return Libc.SOCKADDR_IN6_SIZE;
    }

    /** Reads the address at {@code at}; allocates the address objects. */
    static InetSocketAddress read(MemorySegment from, long at) {
        int port = Short.toUnsignedInt(from.get(NET_SHORT, at + 2));
        try {
            if (from.get(FAMILY, at) == Libc.AF_INET) {
                byte[] ip = new byte[4];
                MemorySegment.copy(from, ValueLayout.JAVA_BYTE, at + 4, ip, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            byte[] ip = new byte[16];
            MemorySegment.copy(from, ValueLayout.JAVA_BYTE, at + 8, ip, 0, 16);
            int scope = from.get(HOST_INT, at + 24);
            InetAddress address = InetAddress.getByAddress(ip);
            if (scope != 0 && address instanceof Inet6Address) {
                address = Inet6Address.getByAddress(null, ip, scope);
            }
            // getByAddress turns an IPv4-mapped address into an Inet4Address, as the JDK does.
            return new InetSocketAddress(address, port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kernel returned a malformed address", e);
        }
    }

    /**
     * The rate limiter's key for the address at {@code at}, without allocating: for IPv4 exactly
     * the key udp-core's NIO path computes (tag, address, port); for IPv6 the tag, a 32-bit hash of
     * the address and the port. Never 0.
     */
    static long key(MemorySegment from, long at) {
        long port = Short.toUnsignedInt(from.get(NET_SHORT, at + 2));
        if (from.get(FAMILY, at) == Libc.AF_INET) {
            return IPV4_TAG | (Integer.toUnsignedLong(from.get(NET_INT, at + 4)) << 16) | port;
        }
        int hash = from.get(NET_INT, at + 8) + from.get(NET_INT, at + 12)
                + from.get(NET_INT, at + 16) + from.get(NET_INT, at + 20);
        return IPV6_TAG | (Integer.toUnsignedLong(hash) << 16) | port;
    }
}
