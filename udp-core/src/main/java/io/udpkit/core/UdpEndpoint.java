package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound UDP port: a server's receive loops ({@link #serve}) or a client's {@link #send} and
 * {@link #receive}.
 *
 * <p>The endpoint owns {@link TransportConfig#threads()} sockets on one port (SO_REUSEPORT when
 * more than one), each driven by one {@link ReceiveLoop}, which counts every datagram, applies the
 * per-source rate limit, decodes it with its own single-thread {@link Codec#newDecoder() decoder}
 * and hands the value and a reused {@link InboundDatagram} to the handler. The sockets come from
 * the I/O path {@link TransportConfig#io()} selects: NIO ({@code DatagramChannel}, one datagram per
 * system call) or batch ({@code recvmmsg}/{@code sendmmsg}, from the {@code udp-transport-batch}
 * module on JDK 22+); one INFO line names the active path at {@link #open}. Bad datagrams and
 * failing handlers are counted and logged (at most one WARN line per 10 s per kind and loop),
 * never fatal.
 *
 * <p>In the steady state, with a zero-allocation decoder and handler, a loop allocates nothing per
 * datagram. On the batch path this holds for any mix of senders and for undecodable datagrams,
 * as long as the handler does not ask for {@link InboundDatagram#sender()} (which builds an address
 * object). On the NIO path the JDK builds a new {@link InetSocketAddress} whenever the sender
 * differs from the previous datagram's, and its epoll selector may box the descriptor on a wake-up
 * (not per datagram) when the descriptor is 128 or more.
 *
 * <p>{@link #stop()}, {@link #stats()}, {@link #loopStats()}, {@link #send} and {@link #close()}
 * may be called from any thread. {@link #serve} and {@link #receive} read the sockets and exclude
 * each other: only one may run at a time.
 */
public final class UdpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);

    /** How long {@link #send} waits for room in a full socket send buffer before giving up. */
    private static final long SEND_BUFFER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TransportConfig config;
    private final String ioPath;
    private final InetSocketAddress localAddress;
    private final LoopGroup group;
    /** Each socket's kernel drop counter, in loop index order. */
    private final List<SocketDropCounter> dropCounters;
    private long socketDropsWarned;
    private final AtomicBoolean reading = new AtomicBoolean();
    /** Each socket's drops at {@link #close()}, in loop index order; {@code null} while open. */
    private volatile long[] socketDropsAtClose;
    /** Messages of the last {@link DatagramSocketIo#receive()} not yet taken by {@link #receive}. */
    private int pendingIndex;
    private int pendingCount;

    private UdpEndpoint(TransportConfig config, String ioPath, List<ReceiveLoop> loops,
            List<SocketDropCounter> dropCounters) {
        this.config = config;
        this.ioPath = ioPath;
        this.localAddress = loops.get(0).socket().localAddress();
        this.group = new LoopGroup(loops, config.idleTimeout().toNanos());
        this.dropCounters = List.copyOf(dropCounters);
    }

    /**
     * The clock of every endpoint and of the warm-up's loops: one object, so the JIT's type
     * profile of the receive loop's clock calls is the same in the warm-up as in serving (each
     * {@code System::nanoTime} expression would be a class of its own, and a compiled loop that
     * met a second one would be thrown away).
     */
    static final LongSupplier SYSTEM_CLOCK = System::nanoTime;

    /**
     * Chooses the I/O path, opens the configured number of sockets, applies the configured options
     * and binds them, then logs (INFO) the path, the bound address and the actual
     * SO_RCVBUF/SO_SNDBUF next to the kernel maxima, warning when the kernel capped a requested
     * size.
     *
     * @param config how to bind and behave
     * @return the bound endpoint; close it when done
     * @throws BindException if the address cannot be bound (in use, not local, no permission);
     *                       the message is one line naming the address
     * @throws IOException   if a socket cannot be created or configured, or
     *                       {@link IoMode#BATCH} was asked for where it is not available (the
     *                       message says why)
     */
    public static UdpEndpoint open(TransportConfig config) throws IOException {
        return open(config, SYSTEM_CLOCK);
    }

    /** Opens with a given clock (tests freeze it to make rate limiting exact). */
    static UdpEndpoint open(TransportConfig config, LongSupplier clock) throws IOException {
        Objects.requireNonNull(config, "config");
        TransportSelection selection = TransportSelection.choose(config.io());
        boolean shared = config.threads() > 1;
        List<ReceiveLoop> loops = new ArrayList<>(config.threads());
        List<SocketDropCounter> dropCounters = new ArrayList<>(config.threads());
        try {
            InetSocketAddress bind = config.bindAddress();
            for (int i = 0; i < config.threads(); i++) {
                Set<Long> socketsBefore =
                        SocketDropCounter.socketInodes(SocketDropCounter.PROC_SELF_FD);
                DatagramSocketIo socket = bindSocket(selection, config, bind, shared);
                // Later sockets join the port the first one got (the kernel's pick for port 0).
                bind = socket.localAddress();
                long inode = socket.inode();
                dropCounters.add(inode >= 0 ? SocketDropCounter.of(inode, bind)
                        : SocketDropCounter.locate(socketsBefore, bind));
                loops.add(new ReceiveLoop(i, socket, config, clock, LOG));
            }
            DatagramSocketIo first = loops.get(0).socket();
            SocketBufferReport.log(LOG, first.receiveBufferSize(), first.sendBufferSize(),
                    first.localAddress(), config);
            selection.log(LOG);
            if (shared) {
                LOG.info("{} sockets share the port with SO_REUSEPORT, one receive loop each",
                        config.threads());
            }
            return new UdpEndpoint(config, selection.name(), loops, dropCounters);
        } catch (IOException | RuntimeException e) {
            for (ReceiveLoop loop : loops) {
                try {
                    loop.socket().close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static DatagramSocketIo bindSocket(TransportSelection selection,
            TransportConfig config, InetSocketAddress bind, boolean shared) throws IOException {
        try {
            return selection.open(config, bind, shared);
        } catch (BindException e) {
            BindException failure = new BindException("cannot bind UDP "
                    + SocketAddresses.format(bind) + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /**
     * The configuration this endpoint was opened with.
     *
     * @return the configuration
     */
    public TransportConfig config() {
        return config;
    }

    /**
     * The I/O path the sockets use, as chosen at {@link #open}: {@code "nio"} or {@code "batch"}.
     *
     * @return the path's name
     * @since 0.2
     */
    public String ioPath() {
        return ioPath;
    }

    /**
     * The address and port actually bound; the port is the kernel's choice when 0 was configured.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Runs the receive loops until {@link #stop()}, the idle timeout, or {@link #close()}, with
     * one handler shared by every loop.
     *
     * <p>With {@link TransportConfig#threads()} at 1 (the default) the one loop runs on the
     * calling thread and the handler is only ever called from it. With more, loop 0 runs on the
     * calling thread and each other loop on a thread of its own, and this one handler is called
     * from all of them at once: it must be thread-safe. Use
     * {@link #serve(Codec, IntFunction)} for a handler per loop instead.
     *
     * <p>Each datagram is counted as received, then ends in exactly one of: dropped for its
     * source's rate ({@code rateLimited}); dropped as larger than the maximum size
     * ({@code truncated}); rejected by the codec ({@code undecodable}, then
     * {@link DatagramHandler#onUndecodable}); or decoded and passed to
     * {@link DatagramHandler#onMessage} ({@code decoded}). A codec that throws anything other than
     * {@link CodecException} is treated as rejecting the datagram, and also counted as a handler
     * error, its exception wrapped in a {@code CodecException} for {@code onUndecodable}. Handler
     * exceptions are counted as {@code handlerErrors}. None of these ends a loop, nor the other
     * loops; an {@link Error} ends them all and is rethrown. After each batch the loop calls
     * {@link DatagramHandler#onBatchEnd()}.
     *
     * <p>The idle timeout counts from the last datagram any loop received (even one dropped). A
     * {@link #stop()} that arrives before this method starts makes it return {@code STOPPED} at
     * once; returning {@code STOPPED} consumes the request. Interrupting the calling thread also
     * returns {@code STOPPED}, leaving its interrupt status set. When it returns, every loop has
     * returned, suppressed warnings are logged, and a warning names the datagrams the kernel
     * dropped at this endpoint's sockets ({@link TransportStats#socketDrops()}). It may then be
     * called again.
     *
     * @param codec   decodes each payload; {@link Codec#newDecoder()} is called once per loop
     * @param handler receives decoded values, from every loop
     * @param <T>     the type of decoded values
     * @return why the loops ended
     * @throws IllegalStateException if {@code serve} or {@code receive} is already running on this
     *                               endpoint
     * @throws IOException           if a socket fails (not for bad datagrams, which are counted)
     */
    public <T> StopReason serve(Codec<T> codec, DatagramHandler<? super T> handler)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        return serve(codec, loop -> handler);
    }

    /**
     * Runs the receive loops as {@link #serve(Codec, DatagramHandler)} does, with a handler of
     * their own for each loop: {@code handlers} is called once per loop, with the loop's index
     * (0 to {@link TransportConfig#threads()} - 1), on the calling thread before any loop starts,
     * and each handler it returns is only ever called from its loop's thread, so it need not be
     * thread-safe.
     *
     * @param codec    decodes each payload; {@link Codec#newDecoder()} is called once per loop
     * @param handlers makes the handler for the loop of the given index
     * @param <T>      the type of decoded values
     * @return why the loops ended
     * @throws IllegalStateException if {@code serve} or {@code receive} is already running
     * @throws IOException           if a socket fails
     * @since 0.2
     */
    public <T> StopReason serve(Codec<T> codec,
            IntFunction<? extends DatagramHandler<? super T>> handlers) throws IOException {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(handlers, "handlers");
        acquireReader("serve");
        try {
            if (group.closed()) {
                return StopReason.CLOSED;
            }
            group.beginServe();
            List<ReceiveLoop> loops = group.loops();
            List<LoopRun<T>> runs = new ArrayList<>(loops.size());
            for (ReceiveLoop loop : loops) {
                DatagramHandler<? super T> handler = Objects.requireNonNull(
                        handlers.apply(loop.index()), "handler for loop " + loop.index());
                runs.add(new LoopRun<>(loop, codec.newDecoder(), handler, group));
            }
            StopReason reason = LoopRun.runAll(runs, localAddress.getPort());
            group.endServe(reason);
            return reason;
        } finally {
            for (ReceiveLoop loop : group.loops()) {
                loop.flushWarnings();
            }
            warnIfSocketDropped();
            reading.set(false);
        }
    }

    private void warnIfSocketDropped() {
        long drops = socketDrops(null);
        if (drops <= socketDropsWarned) {
            return;
        }
        LOG.warn("the kernel dropped {} datagrams for UDP {} ({} since it opened) because its"
                        + " receive buffer was full; SO_RCVBUF is {}, net.core.rmem_max {}: raise"
                        + " both (udp-server --rcvbuf; TransportConfig receiveBufferSize)",
                drops - socketDropsWarned, SocketAddresses.format(localAddress), drops,
                currentReceiveBuffer(), SocketBufferReport.readLong(SocketBufferReport.RMEM_MAX));
        socketDropsWarned = drops;
    }

    private String currentReceiveBuffer() {
        try {
            return group.loops().get(0).socket().receiveBufferSize() + " bytes";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Asks running {@link #serve} loops to return {@link StopReason#STOPPED} promptly; if none is
     * running, the next serve returns at once. Safe from any thread, including signal handlers'
     * threads; does not wait for the loops to return.
     */
    public void stop() {
        group.requestStop();
    }

    /**
     * A snapshot of the counters summed over every loop, from any thread; after {@link #close()}
     * the counters stay as they were at closing.
     *
     * @return the counters now
     */
    public TransportStats stats() {
        long[] sums = new long[TransportCounters.COUNT];
        for (ReceiveLoop loop : group.loops()) {
            loop.counters().addTo(sums);
        }
        return TransportCounters.snapshot(sums, socketDrops(null));
    }

    /**
     * A snapshot of each loop's own counters, in loop index order, each with its own socket's
     * drops.
     *
     * @return one snapshot per loop
     * @since 0.2
     */
    public List<TransportStats> loopStats() {
        List<TransportStats> stats = new ArrayList<>(group.loops().size());
        for (ReceiveLoop loop : group.loops()) {
            long[] values = new long[TransportCounters.COUNT];
            loop.counters().addTo(values);
            stats.add(TransportCounters.snapshot(values, socketDrops(loop.index())));
        }
        return List.copyOf(stats);
    }

    /**
     * From the I/O path when it can ask the kernel (the batch path: one system call), else from
     * the socket's line in {@code /proc/net/udp[6]} (a read of the whole table), else -1.
     */
    private long currentDrops(int loop) {
        long drops = group.loops().get(loop).socket().socketDrops();
        return drops >= 0 ? drops : dropCounters.get(loop).drops();
    }

    /**
     * The kernel's drops for one socket, or summed over all of them when {@code loop} is
     * {@code null}; -1 if any is unknown. After close, the figures at closing.
     */
    private long socketDrops(Integer loop) {
        long[] atClose = socketDropsAtClose;
        long sum = 0;
        for (int i = 0; i < dropCounters.size(); i++) {
            if (loop != null && loop != i) {
                continue;
            }
            long drops = atClose != null ? atClose[i] : currentDrops(i);
            if (drops < 0) {
                return -1;
            }
            sum += drops;
        }
        return sum;
    }

    /**
     * Sends the bytes between the payload's position and limit to {@code target} as one datagram,
     * advancing the position. Safe from any thread, also while {@link #serve} runs; sends from the
     * first socket. When the socket's send buffer is full it waits, up to 5 s, for room.
     *
     * @param payload the datagram's bytes, at most {@link DatagramLimits#MAX_UDP_PAYLOAD}
     * @param target  where to send it
     * @throws IllegalArgumentException if the payload is larger than a UDP datagram can be
     * @throws IOException              if the send fails or the send buffer stays full for 5 s
     */
    public void send(ByteBuffer payload, InetSocketAddress target) throws IOException {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(target, "target");
        int size = payload.remaining();
        if (size > DatagramLimits.MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("payload too large for one UDP datagram: " + size
                    + " bytes > " + DatagramLimits.MAX_UDP_PAYLOAD);
        }
        DatagramSocketIo socket = group.loops().get(0).socket();
        long deadline = System.nanoTime() + SEND_BUFFER_WAIT_NANOS;
        while (!socket.trySend(payload, target)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("cannot send to " + SocketAddresses.format(target)
                        + ": the socket send buffer stayed full for 5 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Waits for one datagram on the first socket and copies its payload into {@code into} at its
     * position, advancing the position. Meant for clients; counted as {@code received} (and
     * {@code truncated}).
     *
     * @param into    where the payload goes
     * @param timeout how long to wait; {@link Duration#ZERO} only takes a datagram already queued
     * @return the sender, or {@code null} if none arrived in time
     * @throws TruncatedDatagramException if the datagram was larger than the maximum datagram size
     *                                    or than {@code into.remaining()}; it is dropped and
     *                                    counted as truncated, and nothing is copied
     * @throws IllegalStateException      if {@code serve} or {@code receive} is already running
     * @throws IllegalArgumentException   if {@code into} is read-only or {@code timeout} negative
     * @throws InterruptedIOException     if the thread is interrupted while waiting
     * @throws IOException                if the socket fails or the endpoint is closed
     */
    public InetSocketAddress receive(ByteBuffer into, Duration timeout) throws IOException {
        Objects.requireNonNull(into, "into");
        Objects.requireNonNull(timeout, "timeout");
        if (into.isReadOnly()) {
            throw new IllegalArgumentException("receive buffer is read-only");
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        acquireReader("receive");
        try {
            DatagramSocketIo socket = group.loops().get(0).socket();
            long deadline = System.nanoTime() + saturatedNanos(timeout);
            while (true) {
                if (group.closed()) {
                    throw new ClosedChannelException();
                }
                if (pendingIndex < pendingCount) {
                    return deliver(socket, pendingIndex++, into);
                }
                pendingIndex = 0;
                pendingCount = socket.receive();
                if (pendingCount > 0) {
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for a datagram");
                }
                socket.awaitReadable(remaining);
            }
        } finally {
            reading.set(false);
        }
    }

    private InetSocketAddress deliver(DatagramSocketIo socket, int message, ByteBuffer into)
            throws TruncatedDatagramException {
        TransportCounters counters = group.loops().get(0).counters();
        int length = socket.length(message);
        InetSocketAddress from = socket.sender(message);
        counters.increment(TransportCounters.RECEIVED);
        if (socket.truncated(message) || length > into.remaining()) {
            counters.increment(TransportCounters.TRUNCATED);
            String limit = socket.truncated(message)
                    ? "maxDatagramSize " + config.maxDatagramSize() + " bytes"
                    : "the buffer's " + into.remaining() + " bytes remaining";
            throw new TruncatedDatagramException("datagram from " + SocketAddresses.format(from)
                    + " dropped: larger than " + limit, from);
        }
        ByteBuffer payload = socket.payload(message);
        payload.clear().limit(length);
        into.put(payload);
        return from;
    }

    /**
     * Closes the sockets. Running {@link #serve} loops return {@link StopReason#CLOSED} promptly
     * (this method does not wait for them); a waiting {@link #receive} throws. Idempotent, safe
     * from any thread.
     *
     * @throws IOException if closing a socket fails
     */
    @Override
    public void close() throws IOException {
        if (group.closed()) {
            return;
        }
        long[] atClose = new long[dropCounters.size()];
        for (int i = 0; i < atClose.length; i++) {
            atClose[i] = currentDrops(i);
        }
        socketDropsAtClose = atClose;
        group.markClosed();
        List<DatagramSocketIo> sockets = new ArrayList<>(group.loops().size());
        for (ReceiveLoop loop : group.loops()) {
            sockets.add(loop.socket());
        }
        CloseAll.close(sockets);
    }

    /** The first loop's rate limiter, or {@code null} when off; read it only while no loop runs. */
    SourceRateLimiter rateLimiter() {
        return group.loops().get(0).rateLimiter();
    }

    @Override
    public String toString() {
        return "UdpEndpoint{" + SocketAddresses.format(localAddress) + ", " + ioPath
                + (config.threads() > 1 ? ", " + config.threads() + " loops" : "")
                + (group.closed() ? ", closed}" : "}");
    }

    private void acquireReader(String operation) {
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException(operation + "() called while serve() or receive() is"
                    + " already running on this endpoint; only one may read the socket at a time");
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.min(duration.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
