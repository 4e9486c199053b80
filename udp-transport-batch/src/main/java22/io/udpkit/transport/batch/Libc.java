package io.udpkit.transport.batch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library functions the batch path calls, as downcall handles, and the Linux constants and
 * struct offsets it needs. The values are the same on x86_64 and aarch64 (both use the generic
 * socket constants and the LP64 layouts); {@link BatchTransportProvider} refuses other CPUs.
 *
 * <p>Functions whose failure matters capture {@code errno} into a segment passed as their first
 * argument ({@link #errno}).
 */
@SuppressWarnings("restricted") // The batch path is native calls; users grant it native access.
final class Libc {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_REUSEPORT = 15;
    /**
     * {@code SO_MEMINFO} (Linux 4.12): the socket's memory figures as 32-bit counters, of which
     * {@code SK_MEMINFO_DROPS} (index 8) is its drop counter; 9 of them in all.
     */
    static final int SO_MEMINFO = 55;
    static final long MEMINFO_SIZE = 9 * 4;
    static final long MEMINFO_DROPS = 8 * 4;
    /** {@code SO_RCVTIMEO} (the 64-bit {@code struct timeval} form) on x86_64 and aarch64. */
    static final int SO_RCVTIMEO = 20;
    static final long TIMEVAL_SIZE = 16;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITFORONE = 0x10000;
    static final int MSG_TRUNC = 0x20;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EPOLLIN = 1;
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;

    /** {@code struct mmsghdr}: a {@code struct msghdr} (56 bytes), then {@code msg_len}. */
    static final long MMSGHDR_SIZE = 64;
    static final long MSG_NAME = 0;
    static final long MSG_NAMELEN = 8;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    // msg_control (32) and msg_controllen (40) stay zero: no control messages are asked for.
    static final long MSG_FLAGS = 48;
    static final long MSG_LEN = 56;
    /** {@code struct iovec}: base pointer, length. */
    static final long IOVEC_SIZE = 16;
    /** Room for a {@code sockaddr_in6} (28 bytes), rounded to 8. */
    static final long NAME_SIZE = 32;
    static final int SOCKADDR_IN_SIZE = 16;
    static final int SOCKADDR_IN6_SIZE = 28;
    /**
     * {@code struct epoll_event}: a 32-bit event mask, then 64 bits of user data; packed (12
     * bytes) on x86_64, naturally aligned (16 bytes) on aarch64.
     */
    static final boolean EPOLL_EVENT_PACKED = !"aarch64".equals(System.getProperty("os.arch"));
    static final long EPOLL_EVENT_SIZE = EPOLL_EVENT_PACKED ? 12 : 16;
    static final long EPOLL_DATA = EPOLL_EVENT_PACKED ? 4 : 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    static final MethodHandle SOCKET = capturing("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SETSOCKOPT = capturing("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle GETSOCKOPT = capturing("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle BIND = capturing("bind",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle GETSOCKNAME = capturing("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle RECVMMSG = capturing("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle SENDMMSG = capturing("sendmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle SENDTO = capturing("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS,
                    JAVA_INT));
    static final MethodHandle EPOLL_CREATE1 = capturing("epoll_create1",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle EPOLL_CTL = capturing("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle EPOLL_WAIT = capturing("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle EVENTFD = capturing("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle WRITE = plain("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle READ = plain("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle CLOSE = plain("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = plain("strerror",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    /** A segment to pass as the first argument of a capturing handle. */
    static MemorySegment newErrnoSegment(java.lang.foreign.Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** The {@code errno} the last capturing call left in {@code capture}. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** The C library's wording of an error number, such as "Address already in use". */
    static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }

    private static MethodHandle capturing(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor,
                CAPTURE_ERRNO);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }
}
