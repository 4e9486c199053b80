package io.udpkit.transport.batch;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Wakes a thread blocked in {@code recvmmsg} on a socket by sending that socket an empty datagram
 * from a private socket of its own, bound to the same address (loopback when the socket is bound
 * to the wildcard address). A thread blocked in a receive call cannot be woken by an
 * {@code eventfd}; a datagram it is waiting for can. The receiver recognises the datagram by its
 * length (0) and its source, this socket's address, and discards it uncounted.
 *
 * <p>Best effort by design: a wake datagram may be lost (a full receive buffer, which also means
 * the receiver is not blocked; a firewall that drops local traffic), so the receiver also bounds
 * every blocking wait with {@code SO_RCVTIMEO}.
 */
final class LoopbackWaker {

    private final int fd;
    private final int family;
    private final MemorySegment ownName;
    private final MemorySegment target;
    private final int targetLength;
    private final MemorySegment errno;
    private final MemorySegment nothing;

    private LoopbackWaker(int fd, int family, MemorySegment ownName, MemorySegment target,
            int targetLength, MemorySegment errno, MemorySegment nothing) {
        this.fd = fd;
        this.family = family;
        this.ownName = ownName;
        this.target = target;
        this.targetLength = targetLength;
        this.errno = errno;
        this.nothing = nothing;
    }

    /**
     * Opens a waker for the socket bound to {@code socketAddress}; its native memory comes from
     * {@code arena}.
     *
     * @throws IOException if the private socket cannot be created or bound
     */
    static LoopbackWaker open(Arena arena, int family, InetSocketAddress socketAddress)
            throws IOException {
        InetAddress ip = socketAddress.getAddress();
        if (ip.isAnyLocalAddress()) {
            ip = family == Libc.AF_INET6 ? ipv6Loopback() : ipv4Loopback();
        }
        MemorySegment errno = Libc.newErrnoSegment(arena);
        MemorySegment target = arena.allocate(Libc.NAME_SIZE, 8);
        int targetLength = SockAddr.write(new InetSocketAddress(ip, socketAddress.getPort()), family,
                target, 0);
        MemorySegment ownName = arena.allocate(Libc.NAME_SIZE, 8);
        int ownLength = SockAddr.write(new InetSocketAddress(ip, 0), family, ownName, 0);
        int fd;
        try {
            fd = (int) Libc.SOCKET.invokeExact(errno, family,
                    Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket: " + Libc.describe(Libc.errno(errno)));
            }
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) Libc.NAME_SIZE);
            if ((int) Libc.BIND.invokeExact(errno, fd, ownName, ownLength) < 0
                    || (int) Libc.GETSOCKNAME.invokeExact(errno, fd, ownName, length) < 0) {
                IOException failure = new IOException("bind " + ip.getHostAddress() + ": "
                        + Libc.describe(Libc.errno(errno)));
                int ignored = (int) Libc.CLOSE.invokeExact(fd);
                throw failure;
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
        return new LoopbackWaker(fd, family, ownName, target, targetLength, errno,
                arena.allocate(1));
    }

    private static InetAddress ipv6Loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    }

    private static InetAddress ipv4Loopback() throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    }

    /** Sends the wake datagram; never blocks, never throws. Any thread. */
    synchronized void wake() {
        try {
            long ignored = (long) Libc.SENDTO.invokeExact(errno, fd, nothing, 0L,
                    Libc.MSG_DONTWAIT, target, targetLength);
        } catch (Throwable e) {
            // Best effort: the receiver's SO_RCVTIMEO bounds its wait anyway.
        }
    }

    /**
     * Whether the sender address at {@code at} in {@code names} is this waker's: family, port and
     * address compared (the kernel writes the rest of the structure the same way, but need not).
     */
    boolean sent(MemorySegment names, long at) {
        long addressOffset = family == Libc.AF_INET ? 4 : 8;
        long addressLength = family == Libc.AF_INET ? 4 : 16;
        return MemorySegment.mismatch(names, at, at + 4, ownName, 0, 4) == -1
                && MemorySegment.mismatch(names, at + addressOffset,
                        at + addressOffset + addressLength, ownName, addressOffset,
                        addressOffset + addressLength) == -1;
    }

    /** Closes the private socket. */
    void close() {
        try {
            int ignored = (int) Libc.CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close: " + e, e);
        }
    }
}
