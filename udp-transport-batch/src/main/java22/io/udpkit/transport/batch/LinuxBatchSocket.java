package io.udpkit.transport.batch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import io.udpkit.core.DatagramLimits;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.spi.DatagramSocketIo;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP socket read with {@code recvmmsg} and answered with {@code sendmmsg}, all its buffers in
 * one native arena allocated at {@link #open}.
 *
 * <p>Receiving: {@link TransportConfig#batchSize()} {@code mmsghdr}s, each pointing at its own
 * address and payload slot; one call fills as many as are queued. A payload slot holds
 * {@link TransportConfig#maxDatagramSize()} bytes (large slots are split so that small datagrams
 * touch little memory: {@link ReceiveSlots}) and a larger datagram is flagged by the kernel
 * ({@code MSG_TRUNC}). The sender stays as raw {@code sockaddr} bytes: the rate limiter's key is
 * computed from them, and an address object is built only when asked for. No control messages:
 * {@link #socketDrops()} asks the kernel for this socket's drop counter when it is called
 * ({@code getsockopt(SO_MEMINFO)}), instead of having {@code SO_RXQ_OVFL} attach it to received
 * messages, which costs every message ~50 ns of system time whether or not anyone reads it
 * (BENCHMARKS.md §6.10).
 *
 * <p>Replying: the reply's bytes and the sender's {@code sockaddr} are copied into the next of as
 * many reply slots, and {@link #flushReplies} sends them with one {@code sendmmsg} (a full queue is
 * sent early).
 *
 * <p>Waiting: the socket itself is blocking, and the receive loop waits inside {@code recvmmsg}
 * ({@link #awaitAndReceive}: {@code MSG_WAITFORONE} blocks for the first datagram, then takes what
 * is queued), one system call per wake-up, as a C loop does. Every other receive and send passes
 * {@code MSG_DONTWAIT}. {@link #wakeup()} sends the socket an empty datagram from a private
 * {@link LoopbackWaker} socket, which {@link #receive} and {@link #awaitAndReceive} discard
 * uncounted; {@code SO_RCVTIMEO} bounds each blocking wait to the loop's timeout and at most
 * {@value #LONGEST_WAIT_MILLIS} ms, in case a wake datagram is lost. {@link #awaitReadable} (for
 * callers that wait without receiving) is {@code epoll_wait} on the socket and an {@code eventfd}
 * that {@link #wakeup()} also writes. Without a waker the loop's waits fall back to
 * {@code epoll_wait}: when its socket cannot be bound, and always for a socket that shares its port
 * with others ({@code SO_REUSEPORT}, several loops), where the kernel picks the receiving socket by
 * the sender's address and a wake datagram could reach a sibling instead.
 *
 * <p>Closing: native memory must not be freed while a thread is inside a call that uses it, so
 * every call holds a use count; {@link #close()} marks the socket closing and wakes any waiter, and
 * whoever drops the count to zero closes the descriptors and frees the arena.
 */
final class LinuxBatchSocket implements DatagramSocketIo {

    private static final int CLOSING = 1 << 30;
    private static final String SEND_BUFFER_FULL_REASON = "the socket send buffer is full";
    /** The longest a blocking receive waits before the loop looks at its stop flag again. */
    static final long LONGEST_WAIT_MILLIS = 1000;

    private final Arena arena;
    private final int fd;
    private final int eventFd;
    private final int family;
    private final InetSocketAddress localAddress;
    private final int capacity;
    private final int replySlot;
    private final MemorySegment errno;
    private final MemorySegment recvMsgs;
    private final MemorySegment recvNames;
    private final ReceiveSlots slots;
    private final MemorySegment sendMsgs;
    private final MemorySegment sendNames;
    private final MemorySegment sendIov;
    private final MemorySegment[] sendMsgsFrom;
    private final ByteBuffer[] replySlots;
    private final int epollFd;
    private final MemorySegment epollEvents;
    private final MemorySegment eventValue;
    private final MemorySegment eventDrain;
    private final Object sendLock = new Object();
    private final MemorySegment sendToErrno;
    private final MemorySegment sendToName;
    private final ByteBuffer sendToData;
    private final MemorySegment sendToDataSegment;
    private final AtomicInteger uses = new AtomicInteger();
    private final AtomicBoolean released = new AtomicBoolean();
    private final LoopbackWaker waker;
    private final MemorySegment receiveTimeout;
    /** What SO_RCVTIMEO is set to, in ms; 0 while never set (no limit). Loop thread only. */
    private long receiveTimeoutMillis;
    /** Messages the kernel filled in the last receive, whose headers need resetting. */
    private int filled;
    private int queued;
    private int sentSinceFlush;
    private int unsentSinceFlush;
    private String unsentReason;

    private LinuxBatchSocket(Arena arena, int fd, int eventFd, int epollFd, int family,
            InetSocketAddress localAddress, TransportConfig config, MemorySegment errno,
            LoopbackWaker waker) {
        this.arena = arena;
        this.fd = fd;
        this.eventFd = eventFd;
        this.family = family;
        this.localAddress = localAddress;
        this.capacity = config.batchSize();
        this.errno = errno;
        this.waker = waker;
        this.receiveTimeout = arena.allocate(Libc.TIMEVAL_SIZE, 8);
        this.replySlot = config.allowLargerReplies()
                ? DatagramLimits.MAX_UDP_PAYLOAD
                : config.maxDatagramSize();
        int n = capacity;

        recvMsgs = arena.allocate(Libc.MMSGHDR_SIZE * n, 8);
        slots = new ReceiveSlots(arena, n, config.maxDatagramSize());
        int iovecs = slots.iovecsPerMessage();
        MemorySegment recvIov = arena.allocate(Libc.IOVEC_SIZE * iovecs * n, 8);
        recvNames = arena.allocate(Libc.NAME_SIZE * n, 8);
        for (int i = 0; i < n; i++) {
            long m = i * Libc.MMSGHDR_SIZE;
            long iov = i * Libc.IOVEC_SIZE * iovecs;
            slots.describe(i, recvIov, iov);
            recvMsgs.set(ADDRESS, m + Libc.MSG_NAME,
                    recvNames.asSlice(i * Libc.NAME_SIZE, Libc.NAME_SIZE));
            recvMsgs.set(ADDRESS, m + Libc.MSG_IOV, recvIov.asSlice(iov, Libc.IOVEC_SIZE * iovecs));
            recvMsgs.set(JAVA_LONG, m + Libc.MSG_IOVLEN, iovecs);
            resetReceiveHeader(i);
        }

        sendMsgs = arena.allocate(Libc.MMSGHDR_SIZE * n, 8);
        sendIov = arena.allocate(Libc.IOVEC_SIZE * n, 8);
        sendNames = arena.allocate(Libc.NAME_SIZE * n, 8);
        MemorySegment sendData = arena.allocate((long) replySlot * n, 8);
        sendMsgsFrom = new MemorySegment[n];
        replySlots = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            long m = i * Libc.MMSGHDR_SIZE;
            MemorySegment data = sendData.asSlice((long) i * replySlot, replySlot);
            sendIov.set(ADDRESS, i * Libc.IOVEC_SIZE, data);
            sendMsgs.set(ADDRESS, m + Libc.MSG_NAME,
                    sendNames.asSlice(i * Libc.NAME_SIZE, Libc.NAME_SIZE));
            sendMsgs.set(ADDRESS, m + Libc.MSG_IOV,
                    sendIov.asSlice(i * Libc.IOVEC_SIZE, Libc.IOVEC_SIZE));
            sendMsgs.set(JAVA_LONG, m + Libc.MSG_IOVLEN, 1);
            sendMsgsFrom[i] = sendMsgs.asSlice(m);
            replySlots[i] = data.asByteBuffer();
        }

        this.epollFd = epollFd;
        epollEvents = arena.allocate(Libc.EPOLL_EVENT_SIZE * 2, 8);
        eventValue = arena.allocate(JAVA_LONG);
        eventValue.set(JAVA_LONG, 0, 1L);
        eventDrain = arena.allocate(JAVA_LONG);

        sendToErrno = Libc.newErrnoSegment(arena);
        sendToName = arena.allocate(Libc.NAME_SIZE, 8);
        sendToDataSegment = arena.allocate(DatagramLimits.MAX_UDP_PAYLOAD, 8);
        sendToData = sendToDataSegment.asByteBuffer();
    }

    /**
     * Creates, configures and binds a socket. Called by {@link BatchTransportProvider} through a
     * method handle.
     */
    static DatagramSocketIo open(TransportConfig config, InetSocketAddress bind,
            boolean reusePort) throws IOException {
        int family = bind.getAddress() instanceof Inet6Address ? Libc.AF_INET6 : Libc.AF_INET;
        Arena arena = Arena.ofShared();
        int fd = -1;
        int eventFd = -1;
        int epollFd = -1;
        try {
            MemorySegment errno = Libc.newErrnoSegment(arena);
            fd = socket(errno, family);
            setOption(errno, fd, Libc.SO_REUSEADDR, config.reuseAddress() ? 1 : 0, arena);
            if (reusePort) {
                setOption(errno, fd, Libc.SO_REUSEPORT, 1, arena);
            }
            if (config.receiveBufferSize() > 0) {
                setOption(errno, fd, Libc.SO_RCVBUF, config.receiveBufferSize(), arena);
            }
            if (config.sendBufferSize() > 0) {
                setOption(errno, fd, Libc.SO_SNDBUF, config.sendBufferSize(), arena);
            }
            MemorySegment name = arena.allocate(Libc.NAME_SIZE, 8);
            int length = SockAddr.write(bind, family, name, 0);
            if ((int) Libc.BIND.invokeExact(errno, fd, name, length) < 0) {
                throw new BindException(Libc.describe(Libc.errno(errno)));
            }
            MemorySegment nameLength = arena.allocate(JAVA_INT);
            nameLength.set(JAVA_INT, 0, (int) Libc.NAME_SIZE);
            if ((int) Libc.GETSOCKNAME.invokeExact(errno, fd, name, nameLength) < 0) {
                throw new IOException("getsockname: " + Libc.describe(Libc.errno(errno)));
            }
            InetSocketAddress local = SockAddr.read(name, 0);
            eventFd = (int) Libc.EVENTFD.invokeExact(errno, 0,
                    Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
            if (eventFd < 0) {
                throw new IOException("eventfd: " + Libc.describe(Libc.errno(errno)));
            }
            epollFd = (int) Libc.EPOLL_CREATE1.invokeExact(errno, Libc.EPOLL_CLOEXEC);
            if (epollFd < 0) {
                throw new IOException("epoll_create1: " + Libc.describe(Libc.errno(errno)));
            }
            watch(errno, epollFd, fd, 0, arena);
            watch(errno, epollFd, eventFd, 1, arena);
            LinuxBatchSocket socket = new LinuxBatchSocket(arena, fd, eventFd, epollFd, family, local,
                    config, errno, reusePort ? null : openWaker(arena, family, local));
            socket.linkDowncalls();
            return socket;
        } catch (Throwable e) {
            closeDescriptor(epollFd);
            closeDescriptor(eventFd);
            closeDescriptor(fd);
            arena.close();
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new IOException(e);
        }
    }

    /** The waker, or null when its socket cannot be bound: the loop then waits in epoll_wait. */
    private static LoopbackWaker openWaker(Arena arena, int family, InetSocketAddress local) {
        try {
            return LoopbackWaker.open(arena, family, local);
        } catch (IOException e) {
            return null;
        }
    }

    /** A blocking socket: the loop blocks in recvmmsg; every other call passes MSG_DONTWAIT. */
    private static int socket(MemorySegment errno, int family) throws Throwable {
        int fd = (int) Libc.SOCKET.invokeExact(errno, family,
                Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket: " + Libc.describe(Libc.errno(errno)));
        }
        return fd;
    }

    private static void setOption(MemorySegment errno, int fd, int option, int value, Arena arena)
            throws Throwable {
        MemorySegment argument = arena.allocate(JAVA_INT);
        argument.set(JAVA_INT, 0, value);
        if ((int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.SOL_SOCKET, option, argument, 4) < 0) {
            throw new IOException("setsockopt(" + option + "): "
                    + Libc.describe(Libc.errno(errno)));
        }
    }

    /** Adds {@code target} to the epoll set for input, tagged {@code tag} (0 socket, 1 eventfd). */
    private static void watch(MemorySegment errno, int epollFd, int target, long tag, Arena arena)
            throws Throwable {
        MemorySegment event = arena.allocate(Libc.EPOLL_EVENT_SIZE, 8);
        event.set(JAVA_INT, 0, Libc.EPOLLIN);
        event.set(JAVA_LONG_UNALIGNED, Libc.EPOLL_DATA, tag);
        if ((int) Libc.EPOLL_CTL.invokeExact(errno, epollFd, Libc.EPOLL_CTL_ADD, target, event) < 0) {
            throw new IOException("epoll_ctl: " + Libc.describe(Libc.errno(errno)));
        }
    }

    /** Name room for message {@code i}: the kernel rewrote its length with the sender's. */
    private void resetReceiveHeader(int i) {
        recvMsgs.set(JAVA_INT, i * Libc.MMSGHDR_SIZE + Libc.MSG_NAMELEN, (int) Libc.NAME_SIZE);
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public int receiveBufferSize() throws IOException {
        return getOption(Libc.SO_RCVBUF);
    }

    @Override
    public int sendBufferSize() throws IOException {
        return getOption(Libc.SO_SNDBUF);
    }

    private int getOption(int option) throws IOException {
        return getOption(option, 4, 0);
    }

    /**
     * {@code getsockopt(SOL_SOCKET, option)} into {@code size} bytes; returns the 32-bit value at
     * {@code offset} of what the kernel wrote.
     *
     * @throws IOException if the call fails, the kernel wrote less than that, or the socket is
     *                     closed
     */
    private int getOption(int option, long size, long offset) throws IOException {
        enter();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment value = call.allocate(size, 4);
            MemorySegment length = call.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) size);
            MemorySegment capture = Libc.newErrnoSegment(call);
            if ((int) Libc.GETSOCKOPT.invokeExact(capture, fd, Libc.SOL_SOCKET, option, value,
                    length) < 0) {
                throw new IOException("getsockopt(" + option + "): "
                        + Libc.describe(Libc.errno(capture)));
            }
            if (length.get(JAVA_INT, 0) < offset + 4) {
                throw new IOException("getsockopt(" + option + "): " + length.get(JAVA_INT, 0)
                        + " bytes, too few");
            }
            return value.get(JAVA_INT, offset);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        } finally {
            exit();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /**
     * Makes the first call of each hot downcall now, at open, where it touches no datagram: a
     * downcall's first call generates and links its stub, which would otherwise delay the first
     * datagram. {@code recvmmsg} and {@code sendmmsg} with no messages return 0 at once;
     * {@code epoll_wait} with a zero timeout only reports.
     */
    private void linkDowncalls() throws Throwable {
        int received = (int) Libc.RECVMMSG.invokeExact(errno, fd, recvMsgs, 0, 0, MemorySegment.NULL);
        int sent = (int) Libc.SENDMMSG.invokeExact(errno, fd, sendMsgsFrom[0], 0, 0);
        int ready = (int) Libc.EPOLL_WAIT.invokeExact(errno, epollFd, epollEvents, 2, 0);
        assert received <= 0 && sent <= 0 && ready >= -1;
    }

    @Override
    public int receive() throws IOException {
        return receiveMessages(Libc.MSG_DONTWAIT);
    }

    @Override
    public int awaitAndReceive(long timeoutNanos) throws IOException {
        if (waker == null) {
            awaitReadable(timeoutNanos);
            return receive();
        }
        limitWait(timeoutNanos);
        return receiveMessages(Libc.MSG_WAITFORONE);
    }

    /** Sets SO_RCVTIMEO for the next blocking receive, when it differs from what is set. */
    private void limitWait(long timeoutNanos) throws IOException {
        long millis = timeoutNanos == 0
                ? LONGEST_WAIT_MILLIS
                : Math.min(LONGEST_WAIT_MILLIS, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        if (millis == receiveTimeoutMillis) {
            return;
        }
        enter();
        try {
            receiveTimeout.set(JAVA_LONG, 0, millis / 1000);
            receiveTimeout.set(JAVA_LONG, 8, (millis % 1000) * 1000);
            int result;
            try {
                result = (int) Libc.SETSOCKOPT.invokeExact(errno, fd, Libc.SOL_SOCKET,
                        Libc.SO_RCVTIMEO, receiveTimeout, (int) Libc.TIMEVAL_SIZE);
            } catch (Throwable e) {
                throw new IOException("setsockopt(SO_RCVTIMEO): " + e, e);
            }
            if (result < 0) {
                throw new IOException("setsockopt(SO_RCVTIMEO): " + Libc.describe(Libc.errno(errno)));
            }
            receiveTimeoutMillis = millis;
        } finally {
            exit();
        }
    }

    /**
     * One {@code recvmmsg} with {@code flags}; returns the messages received, wake datagrams taken
     * out, or 0 when the call found none (would block, timed out, interrupted).
     */
    private int receiveMessages(int flags) throws IOException {
        enter();
        try {
            // The kernel rewrote the name lengths of the messages it filled.
            for (int i = 0; i < filled; i++) {
                resetReceiveHeader(i);
            }
            filled = 0;
            int count;
            try {
                count = (int) Libc.RECVMMSG.invokeExact(errno, fd, recvMsgs, capacity, flags,
                        MemorySegment.NULL);
            } catch (Throwable e) {
                throw new IOException("recvmmsg: " + e, e);
            }
            if (count < 0) {
                int error = Libc.errno(errno);
                if (error == Libc.EAGAIN || error == Libc.EINTR) {
                    return 0;
                }
                throw new IOException("recvmmsg: " + Libc.describe(error));
            }
            filled = count;
            for (int i = 0; i < count; i++) {
                slots.assemble(i, length(i));
            }
            return waker == null ? count : withoutWakes(count);
        } finally {
            exit();
        }
    }

    /** Takes wake datagrams (empty, from the waker) out of the first {@code count} messages. */
    private int withoutWakes(int count) {
        int i = 0;
        while (i < count) {
            if (length(i) == 0 && waker.sent(recvNames, i * Libc.NAME_SIZE)) {
                count--;
                for (int j = i; j < count; j++) {
                    moveMessage(j + 1, j);
                }
            } else {
                i++;
            }
        }
        return count;
    }

    /** Copies received message {@code from} over message {@code to}: header, name, bytes. */
    private void moveMessage(int from, int to) {
        long f = from * Libc.MMSGHDR_SIZE;
        long t = to * Libc.MMSGHDR_SIZE;
        recvMsgs.set(JAVA_INT, t + Libc.MSG_LEN, recvMsgs.get(JAVA_INT, f + Libc.MSG_LEN));
        recvMsgs.set(JAVA_INT, t + Libc.MSG_FLAGS, recvMsgs.get(JAVA_INT, f + Libc.MSG_FLAGS));
        recvMsgs.set(JAVA_INT, t + Libc.MSG_NAMELEN, recvMsgs.get(JAVA_INT, f + Libc.MSG_NAMELEN));
        MemorySegment.copy(recvNames, from * Libc.NAME_SIZE, recvNames, to * Libc.NAME_SIZE,
                Libc.NAME_SIZE);
        slots.move(from, to, length(from));
    }

    @Override
    public int length(int index) {
        return recvMsgs.get(JAVA_INT, index * Libc.MMSGHDR_SIZE + Libc.MSG_LEN);
    }

    @Override
    public boolean truncated(int index) {
        return (recvMsgs.get(JAVA_INT, index * Libc.MMSGHDR_SIZE + Libc.MSG_FLAGS)
                & Libc.MSG_TRUNC) != 0;
    }

    @Override
    public ByteBuffer payload(int index) {
        return slots.view(index, length(index));
    }

    @Override
    public long senderKey(int index) {
        return SockAddr.key(recvNames, index * Libc.NAME_SIZE);
    }

    @Override
    public InetSocketAddress sender(int index) {
        return SockAddr.read(recvNames, index * Libc.NAME_SIZE);
    }

    @Override
    public int reply(int index, ByteBuffer reply) throws IOException {
        int size = reply.remaining();
        if (size > replySlot) {
            throw new IOException("reply of " + size + " bytes is larger than the reply slot ("
                    + replySlot + " bytes)");
        }
        if (queued == capacity) {
            sendQueued();
        }
        int k = queued++;
        ByteBuffer slot = replySlots[k];
        slot.clear();
        slot.put(reply);
        MemorySegment.copy(recvNames, index * Libc.NAME_SIZE, sendNames, k * Libc.NAME_SIZE,
                Libc.NAME_SIZE);
        long m = k * Libc.MMSGHDR_SIZE;
        sendMsgs.set(JAVA_INT, m + Libc.MSG_NAMELEN,
                recvMsgs.get(JAVA_INT, index * Libc.MMSGHDR_SIZE + Libc.MSG_NAMELEN));
        sendIov.set(JAVA_LONG, k * Libc.IOVEC_SIZE + 8, size);
        return QUEUED;
    }

    @Override
    public void flushReplies(ReplyOutcomes outcomes) {
        if (queued > 0) {
            sendQueued();
        }
        if (sentSinceFlush > 0) {
            outcomes.sent(sentSinceFlush);
            sentSinceFlush = 0;
        }
        if (unsentSinceFlush > 0) {
            outcomes.notSent(unsentSinceFlush, unsentReason);
            unsentSinceFlush = 0;
        }
    }

    private void sendQueued() {
        int count = queued;
        queued = 0;
        if (!tryEnter()) {
            unsent(count, "the socket is closed");
            return;
        }
        try {
            int next = 0;
            while (next < count) {
                int sent;
                try {
                    sent = (int) Libc.SENDMMSG.invokeExact(errno, fd, sendMsgsFrom[next],
                            count - next, Libc.MSG_DONTWAIT);
                } catch (Throwable e) {
                    unsent(count - next, "sendmmsg: " + e);
                    return;
                }
                if (sent > 0) {
                    sentSinceFlush += sent;
                    next += sent;
                    continue;
                }
                int error = Libc.errno(errno);
                if (error == Libc.EINTR) {
                    continue;
                }
                if (error == Libc.EAGAIN) {
                    unsent(count - next, SEND_BUFFER_FULL_REASON);
                    return;
                }
                // The message at 'next' was refused: skip it, send the rest.
                unsent(1, Libc.describe(error));
                next++;
            }
        } finally {
            exit();
        }
    }

    private void unsent(int count, String reason) {
        unsentSinceFlush += count;
        unsentReason = reason;
    }

    @Override
    public void awaitReadable(long timeoutNanos) throws IOException {
        enter();
        try {
            int timeoutMillis = timeoutNanos == 0
                    ? -1
                    : (int) Math.min(Integer.MAX_VALUE, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
            int ready;
            try {
                ready = (int) Libc.EPOLL_WAIT.invokeExact(errno, epollFd, epollEvents, 2,
                        timeoutMillis);
            } catch (Throwable e) {
                throw new IOException("epoll_wait: " + e, e);
            }
            if (ready < 0 && Libc.errno(errno) != Libc.EINTR) {
                throw new IOException("epoll_wait: " + Libc.describe(Libc.errno(errno)));
            }
            for (int i = 0; i < ready; i++) {
                if (epollEvents.get(JAVA_LONG_UNALIGNED, i * Libc.EPOLL_EVENT_SIZE + Libc.EPOLL_DATA)
                        == 1) {
                    try {
                        long ignored = (long) Libc.READ.invokeExact(eventFd, eventDrain, 8L);
                    } catch (Throwable e) {
                        throw new IOException("read(eventfd): " + e, e);
                    }
                }
            }
        } finally {
            exit();
        }
    }

    @Override
    public void wakeup() {
        if (!tryEnter()) {
            return;
        }
        try {
            signal();
        } finally {
            exit();
        }
    }

    /** Wakes both kinds of waiter: {@code epoll_wait} through the eventfd, recvmmsg by a datagram. */
    private void signal() {
        if (waker != null) {
            waker.wake();
        }
        try {
            long ignored = (long) Libc.WRITE.invokeExact(eventFd, eventValue, 8L);
        } catch (Throwable e) {
            throw new IllegalStateException("write(eventfd): " + e, e);
        }
    }

    @Override
    public boolean trySend(ByteBuffer payload, InetSocketAddress target) throws IOException {
        synchronized (sendLock) {
            enter();
            try {
                int position = payload.position();
                int size = payload.remaining();
                sendToData.clear();
                sendToData.put(payload);
                int nameLength = SockAddr.write(target, family, sendToName, 0);
                while (true) {
                    long sent;
                    try {
                        sent = (long) Libc.SENDTO.invokeExact(sendToErrno, fd, sendToDataSegment,
                                (long) size, Libc.MSG_DONTWAIT, sendToName, nameLength);
                    } catch (Throwable e) {
                        payload.position(position);
                        throw new IOException("sendto: " + e, e);
                    }
                    if (sent >= 0) {
                        return true;
                    }
                    int error = Libc.errno(sendToErrno);
                    if (error == Libc.EINTR) {
                        continue;
                    }
                    payload.position(position);
                    if (error == Libc.EAGAIN) {
                        return false;
                    }
                    throw new IOException("cannot send to " + target + ": "
                            + Libc.describe(error));
                }
            } finally {
                exit();
            }
        }
    }

    /**
     * Asks the kernel for this socket's drop counter, the figure {@code /proc/net/udp} shows:
     * {@code getsockopt(SO_MEMINFO)}, one system call, exact at the time of the call.
     */
    @Override
    public long socketDrops() {
        try {
            return Integer.toUnsignedLong(getOption(Libc.SO_MEMINFO, Libc.MEMINFO_SIZE,
                    Libc.MEMINFO_DROPS));
        } catch (IOException | RuntimeException e) {
            // Closed, or a kernel without SO_MEMINFO (before Linux 4.12).
            return -1;
        }
    }

    @Override
    public long inode() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            if (link.startsWith("socket:[") && link.endsWith("]")) {
                return Long.parseLong(link.substring(8, link.length() - 1));
            }
        } catch (IOException | RuntimeException e) {
            // Unknown.
        }
        return -1;
    }

    @Override
    public void close() {
        int before = uses.getAndUpdate(v -> (v & CLOSING) != 0 ? v : (v | CLOSING) + 1);
        if ((before & CLOSING) != 0) {
            return;
        }
        // We hold a use: the descriptors are still open. Wake a waiting loop, then let go.
        try {
            signal();
        } finally {
            exit();
        }
    }

    private void enter() throws ClosedChannelException {
        if (!tryEnter()) {
            throw new ClosedChannelException();
        }
    }

    private boolean tryEnter() {
        if ((uses.incrementAndGet() & CLOSING) != 0) {
            exit();
            return false;
        }
        return true;
    }

    private void exit() {
        if (uses.decrementAndGet() == CLOSING && released.compareAndSet(false, true)) {
            closeDescriptor(epollFd);
            closeDescriptor(fd);
            closeDescriptor(eventFd);
            if (waker != null) {
                waker.close();
            }
            arena.close();
        }
    }

    private static void closeDescriptor(int descriptor) {
        if (descriptor < 0) {
            return;
        }
        try {
            int ignored = (int) Libc.CLOSE.invokeExact(descriptor);
        } catch (Throwable e) {
            throw new IllegalStateException("close: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "LinuxBatchSocket{fd=" + fd + ", " + localAddress + ", batch " + capacity + "}";
    }
}
