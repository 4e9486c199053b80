package io.udpkit.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound UDP socket: a server's receive loop ({@link #serve}) or a client's
 * {@link #send}/{@link #receive}.
 *
 * <p>The receive loop runs on the caller's thread. It reads every datagram into one direct buffer
 * allocated at {@link #open} (one byte larger than the maximum datagram size, so an oversized
 * datagram is detected instead of being cut silently), drops it if its source exceeds its rate,
 * decodes it with the codec's single-thread {@link Codec#newDecoder() decoder}, and hands the value
 * and a reused {@link InboundDatagram} to the handler. Bad datagrams and failing handlers are
 * counted and logged (at most one WARN line per 10 s per kind), never fatal. In the steady state,
 * with a zero-allocation decoder and handler, the loop allocates nothing per datagram: the JDK's
 * {@code DatagramChannel} reuses the sender's {@link InetSocketAddress} while the sender repeats,
 * and the selector's key stays in its selected set instead of being removed and re-added. One
 * exception lies in the JDK: its epoll selector looks the socket up by a boxed file descriptor on
 * every wakeup, so when the descriptor is 128 or more each wakeup (not each datagram: a wakeup
 * drains everything queued) may allocate one 16-byte {@code Integer}, unless the JIT elides it.
 *
 * <p>{@link #stop()}, {@link #stats()}, {@link #send} and {@link #close()} may be called from any
 * thread. {@link #serve} and {@link #receive} read the socket and exclude each other: only one may
 * run at a time.
 */
public final class UdpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);

    /** How long {@link #send} waits for room in a full socket send buffer before giving up. */
    private static final long SEND_BUFFER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final TransportConfig config;
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final LongSupplier clock;
    private final ByteBuffer receiveBuffer;
    private final ByteBuffer payloadView;
    private final ReceivedDatagram datagram;
    private final TransportCounters counters = new TransportCounters();
    private final SourceRateLimiter rateLimiter;
    private final KernelUdpCounters kernelCounters;
    private final long kernelDropsAtOpen;
    private long kernelDropsWarned;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile boolean closed;
    private volatile long kernelDropsAtClose = -1;

    private final ThrottledWarning undecodableWarning =
            warning("undecodable datagram dropped");
    private final ThrottledWarning codecFailureWarning =
            warning("codec failed with an unexpected exception (a codec bug) on a datagram");
    private final ThrottledWarning handlerWarning = warning("handler failed on a datagram");
    private final ThrottledWarning truncatedWarning;
    private final ThrottledWarning rateLimitedWarning =
            warning("datagram dropped: its source exceeds maxPacketsPerSecondPerSource");

    private UdpEndpoint(TransportConfig config, DatagramChannel channel, Selector selector,
            InetSocketAddress localAddress, LongSupplier clock, KernelUdpCounters kernelCounters) {
        this.config = config;
        this.channel = channel;
        this.selector = selector;
        this.localAddress = localAddress;
        this.clock = clock;
        this.receiveBuffer = ByteBuffer.allocateDirect(config.maxDatagramSize() + 1);
        this.payloadView = receiveBuffer.asReadOnlyBuffer();
        this.datagram = new ReceivedDatagram(channel, payloadView, counters,
                config.allowLargerReplies(), clock,
                warning("reply refused: larger than the datagram it answers (allowLargerReplies is"
                        + " off)"),
                warning("reply failed"),
                warning("reply dropped: the socket send buffer is full"));
        this.truncatedWarning = warning("datagram dropped: larger than maxDatagramSize "
                + config.maxDatagramSize() + " bytes");
        this.rateLimiter = config.maxPacketsPerSecondPerSource() > 0
                ? new SourceRateLimiter(config.maxPacketsPerSecondPerSource(),
                        config.rateLimiterSources())
                : null;
        this.kernelCounters = kernelCounters;
        this.kernelDropsAtOpen = kernelCounters.receiveBufferErrors();
        this.kernelDropsWarned = kernelDropsAtOpen;
    }

    /**
     * Opens a UDP socket, applies the configured options and binds it, then logs (INFO) the bound
     * address and the actual SO_RCVBUF/SO_SNDBUF next to the kernel maxima, warning when the
     * kernel capped a requested size.
     *
     * @param config how to bind and behave
     * @return the bound endpoint; close it when done
     * @throws BindException if the address cannot be bound (in use, not local, no permission);
     *                       the message is one line naming the address
     * @throws IOException   if the socket cannot be created or configured
     */
    public static UdpEndpoint open(TransportConfig config) throws IOException {
        return open(config, System::nanoTime, new KernelUdpCounters(KernelUdpCounters.PROC_NET_SNMP));
    }

    /** Opens with a given clock (tests freeze it to make rate limiting exact) and /proc source. */
    static UdpEndpoint open(TransportConfig config, LongSupplier clock,
            KernelUdpCounters kernelCounters) throws IOException {
        Objects.requireNonNull(config, "config");
        InetSocketAddress bind = config.bindAddress();
        ProtocolFamily family = bind.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, config.reuseAddress());
            if (config.receiveBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferSize());
            }
            if (config.sendBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferSize());
            }
            try {
                channel.bind(bind);
            } catch (IOException e) {
                BindException failure = new BindException("cannot bind UDP "
                        + SocketAddressText.of(bind) + ": " + e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
            SocketBufferReport.log(LOG, channel, bound, config);
            return new UdpEndpoint(config, channel, selector, bound, clock, kernelCounters);
        } catch (IOException | RuntimeException e) {
            closeQuietly(selector, e);
            closeQuietly(channel, e);
            throw e;
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
     * The address and port actually bound; the port is the kernel's choice when 0 was configured.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Runs the receive loop on the calling thread until {@link #stop()}, the idle timeout, or
     * {@link #close()}.
     *
     * <p>Each datagram is counted as received, then ends in exactly one of: dropped for its
     * source's rate ({@code rateLimited}); dropped as larger than the maximum size
     * ({@code truncated}); rejected by the codec ({@code undecodable}, then
     * {@link DatagramHandler#onUndecodable}); or decoded and passed to
     * {@link DatagramHandler#onMessage} ({@code decoded}). A codec that throws anything other than
     * {@link CodecException} is treated as rejecting the datagram, and also counted as a handler
     * error, its exception wrapped in a {@code CodecException} for {@code onUndecodable}. Handler
     * exceptions are counted as {@code handlerErrors}. None of these ends the loop; an
     * {@link Error} does.
     *
     * <p>The idle timeout counts from the last datagram received (any datagram, even one dropped).
     * A {@link #stop()} that arrives before this method starts makes it return {@code STOPPED} at
     * once; returning {@code STOPPED} consumes the request. Interrupting the thread also returns
     * {@code STOPPED}, leaving its interrupt status set. When it returns, the loop logs any
     * suppressed warnings, and warns if the kernel dropped datagrams for a full receive buffer.
     * It may then be called again.
     *
     * @param codec   decodes each payload; its {@link Codec#newDecoder()} is called once per call
     * @param handler receives decoded values
     * @param <T>     the type of decoded values
     * @return why the loop ended
     * @throws IllegalStateException if {@code serve} or {@code receive} is already running on this
     *                               endpoint
     * @throws IOException           if the socket fails (not for bad datagrams, which are counted)
     */
    public <T> StopReason serve(Codec<T> codec, DatagramHandler<? super T> handler)
            throws IOException {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(handler, "handler");
        acquireReader("serve");
        try {
            if (closed) {
                return StopReason.CLOSED;
            }
            return loop(codec.newDecoder(), handler);
        } finally {
            undecodableWarning.flush();
            codecFailureWarning.flush();
            handlerWarning.flush();
            truncatedWarning.flush();
            rateLimitedWarning.flush();
            warnIfKernelDropped();
            reading.set(false);
        }
    }

    private <T> StopReason loop(Decoder<T> decoder, DatagramHandler<? super T> handler)
            throws IOException {
        long idleNanos = config.idleTimeout().toNanos();
        long lastDatagram = clock.getAsLong();
        try {
            while (true) {
                // Drain everything queued, then sleep in select until more arrives.
                boolean batch = false;
                while (true) {
                    if (closed) {
                        return StopReason.CLOSED;
                    }
                    if (stopRequested || Thread.currentThread().isInterrupted()) {
                        stopRequested = false;
                        return StopReason.STOPPED;
                    }
                    receiveBuffer.clear();
                    SocketAddress from = channel.receive(receiveBuffer);
                    if (from == null) {
                        if (batch) {
                            endBatch(handler);
                        }
                        break;
                    }
                    batch = true;
                    lastDatagram = clock.getAsLong();
                    dispatch((InetSocketAddress) from, receiveBuffer.position(), lastDatagram,
                            decoder, handler);
                }
                long timeoutMillis = 0;
                if (idleNanos > 0) {
                    long remaining = idleNanos - (clock.getAsLong() - lastDatagram);
                    if (remaining <= 0) {
                        return StopReason.IDLE_TIMEOUT;
                    }
                    timeoutMillis = ceilMillis(remaining);
                }
                // The one key stays in the selected set: select() still returns when the socket
                // is readable, and nothing is removed and re-added (which would allocate).
                selector.select(timeoutMillis);
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            if (closed) {
                return StopReason.CLOSED;
            }
            throw e;
        }
    }

    private <T> void dispatch(InetSocketAddress sender, int length, long now, Decoder<T> decoder,
            DatagramHandler<? super T> handler) {
        counters.increment(TransportCounters.RECEIVED);
        if (rateLimiter != null && !rateLimiter.tryAcquire(sender, now)) {
            counters.increment(TransportCounters.RATE_LIMITED);
            rateLimitedWarning.record(now, sender, length, null);
            return;
        }
        if (length > config.maxDatagramSize()) {
            counters.increment(TransportCounters.TRUNCATED);
            // The kernel cut it to the buffer: its real size is unknown, only "too large".
            truncatedWarning.record(now, sender, -1, null);
            return;
        }
        resetPayloadView(length);
        datagram.arm(sender, length);
        try {
            T value;
            try {
                value = decoder.decode(payloadView);
            } catch (CodecException e) {
                counters.increment(TransportCounters.UNDECODABLE);
                undecodableWarning.record(now, sender, length, e);
                reportUndecodable(handler, sender, length, now, e);
                return;
            } catch (RuntimeException e) {
                counters.increment(TransportCounters.UNDECODABLE);
                counters.increment(TransportCounters.HANDLER_ERRORS);
                codecFailureWarning.record(now, sender, length, e);
                reportUndecodable(handler, sender, length, now,
                        new CodecException("codec failed: " + e, e));
                return;
            }
            counters.increment(TransportCounters.DECODED);
            resetPayloadView(length);
            try {
                handler.onMessage(value, datagram);
            } catch (Exception e) {
                counters.increment(TransportCounters.HANDLER_ERRORS);
                handlerWarning.record(now, sender, length, e);
            }
        } finally {
            datagram.disarm();
        }
    }

    private void endBatch(DatagramHandler<?> handler) {
        try {
            handler.onBatchEnd();
        } catch (Exception e) {
            counters.increment(TransportCounters.HANDLER_ERRORS);
            // No datagram is concerned: the local address stands in for a sender.
            handlerWarning.record(clock.getAsLong(), localAddress, -1, e);
        }
    }

    private void reportUndecodable(DatagramHandler<?> handler, InetSocketAddress sender,
            int length, long now, CodecException error) {
        resetPayloadView(length);
        try {
            handler.onUndecodable(datagram, error);
        } catch (Exception e) {
            counters.increment(TransportCounters.HANDLER_ERRORS);
            handlerWarning.record(now, sender, length, e);
        }
    }

    /** Undoes whatever the codec or a previous handler did to the shared view. */
    private void resetPayloadView(int length) {
        payloadView.clear().limit(length);
        payloadView.order(ByteOrder.BIG_ENDIAN);
    }

    private void warnIfKernelDropped() {
        long now = kernelCounters.receiveBufferErrors();
        if (now < 0 || kernelDropsWarned < 0 || now <= kernelDropsWarned) {
            return;
        }
        LOG.warn("the kernel dropped {} UDP datagrams for full receive buffers since this endpoint"
                        + " opened (RcvbufErrors in /proc/net/snmp, all UDP sockets of the host);"
                        + " raise SO_RCVBUF (receiveBufferSize, now {}) and net.core.rmem_max"
                        + " (now {})",
                now - kernelDropsAtOpen, currentReceiveBuffer(),
                SocketBufferReport.readLong(SocketBufferReport.RMEM_MAX));
        kernelDropsWarned = now;
    }

    private String currentReceiveBuffer() {
        try {
            return channel.getOption(StandardSocketOptions.SO_RCVBUF) + " bytes";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Asks a running {@link #serve} loop to return {@link StopReason#STOPPED} promptly; if none is
     * running, the next one returns at once. Safe from any thread, including signal handlers'
     * threads; does not wait for the loop to return.
     */
    public void stop() {
        stopRequested = true;
        try {
            selector.wakeup();
        } catch (ClosedSelectorException e) {
            // Already closed: the loop, if any, is returning CLOSED.
        }
    }

    /**
     * A snapshot of the counters, from any thread; after {@link #close()} the counters stay as
     * they were at closing.
     *
     * @return the counters now
     */
    public TransportStats stats() {
        return counters.snapshot(kernelDrops());
    }

    private long kernelDrops() {
        if (closed) {
            return kernelDropsAtClose;
        }
        return kernelDropsSinceOpen();
    }

    private long kernelDropsSinceOpen() {
        if (kernelDropsAtOpen < 0) {
            return -1;
        }
        long now = kernelCounters.receiveBufferErrors();
        return now < 0 ? -1 : now - kernelDropsAtOpen;
    }

    /**
     * Sends the bytes between the payload's position and limit to {@code target} as one datagram,
     * advancing the position. Safe from any thread, also while {@link #serve} runs. When the
     * socket's send buffer is full it waits, up to 5 s, for room.
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
        long deadline = System.nanoTime() + SEND_BUFFER_WAIT_NANOS;
        // Non-blocking channel: 0 means "no room yet", except for an empty datagram, which
        // is sent as 0 bytes.
        while (channel.send(payload, target) == 0 && size > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("cannot send to " + SocketAddressText.of(target)
                        + ": the socket send buffer stayed full for 5 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Waits for one datagram and copies its payload into {@code into} at its position, advancing
     * the position. Meant for clients; counted as {@code received} (and {@code truncated}).
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
            long deadline = System.nanoTime() + saturatedNanos(timeout);
            while (true) {
                if (closed) {
                    throw new ClosedChannelException();
                }
                receiveBuffer.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(receiveBuffer);
                if (from != null) {
                    return deliver(from, into);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for a datagram");
                }
                selector.select(ceilMillis(remaining));
            }
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        } finally {
            reading.set(false);
        }
    }

    private InetSocketAddress deliver(InetSocketAddress from, ByteBuffer into)
            throws TruncatedDatagramException {
        int length = receiveBuffer.position();
        counters.increment(TransportCounters.RECEIVED);
        if (length > config.maxDatagramSize() || length > into.remaining()) {
            counters.increment(TransportCounters.TRUNCATED);
            String limit = length > config.maxDatagramSize()
                    ? "maxDatagramSize " + config.maxDatagramSize() + " bytes"
                    : "the buffer's " + into.remaining() + " bytes remaining";
            throw new TruncatedDatagramException("datagram from " + SocketAddressText.of(from)
                    + " dropped: larger than " + limit, from);
        }
        receiveBuffer.flip();
        into.put(receiveBuffer);
        return from;
    }

    /**
     * Closes the socket. A running {@link #serve} returns {@link StopReason#CLOSED} promptly (this
     * method does not wait for it); a waiting {@link #receive} throws. Idempotent, safe from any
     * thread.
     *
     * @throws IOException if closing the socket fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        kernelDropsAtClose = kernelDropsSinceOpen();
        closed = true;
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    /** The rate limiter, or {@code null} when off; read it only while no loop runs. */
    SourceRateLimiter rateLimiter() {
        return rateLimiter;
    }

    @Override
    public String toString() {
        return "UdpEndpoint{" + SocketAddressText.of(localAddress) + (closed ? ", closed}" : "}");
    }

    private void acquireReader(String operation) {
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException(operation + "() called while serve() or receive() is"
                    + " already running on this endpoint; only one may read the socket at a time");
        }
    }

    private ThrottledWarning warning(String event) {
        return new ThrottledWarning(LOG, event, ThrottledWarning.DEFAULT_INTERVAL_NANOS);
    }

    private static long ceilMillis(long nanos) {
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return Math.min(duration.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static void closeQuietly(AutoCloseable resource, Exception primary) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
