package io.udpkit.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Sink} beside a receive loop: the loop hands each decoded value to
 * {@link #offer}, which captures it into a record and puts the record in a bounded queue; a
 * thread of the sink's own takes records from the queue and delivers them.
 *
 * <p>Policy: <b>drop newest and count</b>. When the queue holds {@code capacity} records or
 * {@code maxQueuedBytes} bytes, the value being offered is dropped and counted as
 * {@link DropReason#QUEUE_FULL}; the loop never waits for a sink, and memory never grows past the
 * bound, however slow or dead the destination. {@link #endOfBatch()} (from the transport's
 * end-of-batch hook) asks the sink thread to {@link Sink#flush() flush} once it has delivered the
 * batch. {@link #close(Duration)} drains the queue and closes the sink within a deadline; what is
 * left then is reported as unconfirmed in {@link #stats()}, never silently lost.
 *
 * <p>{@link #offer} and {@link #endOfBatch()} are called from the receive loop's thread, or
 * from each loop's thread when the transport runs several; {@link #stats()} may be called from
 * any thread at any time. Offering allocates nothing beyond what the sink's
 * {@link Sink#capture} allocates.
 *
 * @param <R> the sink's record type
 * @since 0.1.0
 */
public final class SinkQueue<R> implements AutoCloseable {

    /** Records a queue holds by default. */
    public static final int DEFAULT_CAPACITY = 16_384;

    /** Bytes of records a queue holds by default (16 MiB). */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 16L << 20;

    /** How long {@link #close()} waits by default. */
    public static final Duration DEFAULT_CLOSE_DEADLINE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SinkQueue.class);

    /** Queue markers: identity-compared, never delivered. */
    private static final Object FLUSH = new Object();
    private static final Object CLOSE = new Object();

    private final String name;
    private final Sink<R> sink;
    private final long maxQueuedBytes;
    private final ArrayBlockingQueue<Object> queue;
    private final Thread thread;
    private final Receipt receipt = new Receipt();

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);
    private final AtomicLong queuedBytes = new AtomicLong();

    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final Map<DropReason, AtomicBoolean> dropLogged = new EnumMap<>(DropReason.class);
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    /** Whether a record went in since the last flush marker. */
    private volatile boolean offeredSinceFlush;
    private volatile long closeDeadlineNanos;
    private volatile Exception openFailure;

    private SinkQueue(String name, Sink<R> sink, int capacity, long maxQueuedBytes) {
        this.name = name;
        this.sink = sink;
        this.maxQueuedBytes = maxQueuedBytes;
        // Two slots more than the records allowed, for the flush and close markers.
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, new AtomicLong());
            dropLogged.put(reason, new AtomicBoolean());
        }
        this.thread = new Thread(this::run, "sink-" + name);
        thread.setDaemon(true);
    }

    /**
     * Starts a queue with the default bounds ({@value #DEFAULT_CAPACITY} records, 16 MiB).
     *
     * @param name what the stats call the sink, usually its provider's name
     * @param sink the sink, not yet opened; the queue's thread opens it
     * @param <R>  the sink's record type
     * @return the running queue
     */
    public static <R> SinkQueue<R> start(String name, Sink<R> sink) {
        return start(name, sink, DEFAULT_CAPACITY, DEFAULT_MAX_QUEUED_BYTES);
    }

    /**
     * Starts a queue with the given bounds.
     *
     * @param name           what the stats call the sink: no quotes, backslashes or control
     *                       characters
     * @param sink           the sink, not yet opened; the queue's thread opens it
     * @param capacity       the most records waiting, at least 1
     * @param maxQueuedBytes the most bytes of records waiting ({@link Sink#recordBytes}), at
     *                       least 1
     * @param <R>            the sink's record type
     * @return the running queue
     * @throws IllegalArgumentException if a bound or the name is invalid
     */
    public static <R> SinkQueue<R> start(String name, Sink<R> sink, int capacity,
            long maxQueuedBytes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sink, "sink");
        if (name.isEmpty() || name.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\')) {
            throw new IllegalArgumentException("sink name must be non-empty without quotes, "
                    + "backslashes or control characters: " + name);
        }
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("sink queue capacity must be 1 to 16777216: " + capacity);
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("sink queue bytes must be positive: " + maxQueuedBytes);
        }
        SinkQueue<R> started = new SinkQueue<>(name, sink, capacity, maxQueuedBytes);
        started.thread.start();
        return started;
    }

    /**
     * The sink's name in the stats.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Hands one decoded value to the sink: captures it on the calling thread (the loop's) and
     * queues the record, or drops and counts it. Never blocks.
     *
     * @param value         the decoded value, possibly a flyweight valid only during the call
     * @param payload       the datagram's bytes, from position to limit, valid only during the
     *                      call; its position and limit are restored before the next sink sees it
     * @param sender        who sent the datagram
     * @param arrivalMillis when it arrived, in milliseconds since the epoch
     */
    public void offer(Object value, ByteBuffer payload, InetSocketAddress sender, long arrivalMillis) {
        accepted.incrementAndGet();
        if (closing.get()) {
            dropped(DropReason.REFUSED, "the sink is closing");
            return;
        }
        R record;
        int position = payload.position();
        int limit = payload.limit();
        try {
            record = sink.capture(value, payload, sender, arrivalMillis);
        } catch (SinkRefusal refusal) {
            dropped(refusal.reason(), refusal.getMessage());
            return;
        } catch (RuntimeException e) {
            receipt.failed(e);
            return;
        } finally {
            payload.limit(limit).position(position);
        }
        long bytes = sink.recordBytes(record);
        if (queuedBytes.get() + bytes > maxQueuedBytes || queue.remainingCapacity() <= 2
                || !queue.offer(record)) {
            dropped(DropReason.QUEUE_FULL, "the queue is full");
            return;
        }
        queuedBytes.addAndGet(bytes);
        if (!offeredSinceFlush) {
            offeredSinceFlush = true;
        }
    }

    /**
     * Tells the sink that the loop ended a batch: once it has delivered the records offered
     * before this call, it flushes. Call from the loop's thread, e.g. in
     * {@link DatagramHandler#onBatchEnd()}. Does nothing when nothing was offered since the last
     * call.
     */
    public void endOfBatch() {
        if (!offeredSinceFlush) {
            return;
        }
        offeredSinceFlush = false;
        if (!queue.offer(FLUSH)) {
            // Full: the sink thread flushes when it next finds the queue empty.
            flushPending.set(true);
        }
    }

    /**
     * The sink's counters now; also after {@link #close(Duration)}, when a late confirmation or
     * a value offered after closing still counts.
     *
     * @return a snapshot
     */
    public SinkStats stats() {
        // Outcomes first, accepted last: a snapshot never shows more outcomes than values.
        long d = delivered.get();
        long f = failed.get();
        long q = drops.get(DropReason.QUEUE_FULL).get();
        long t = drops.get(DropReason.TOO_LARGE).get();
        long r = drops.get(DropReason.REFUSED).get();
        return new SinkStats(name, accepted.get(), d, q, t, r, f);
    }

    /**
     * Stops taking values, delivers what is queued, flushes and closes the sink, waiting at most
     * {@code deadline} in all. Records not confirmed by then are left as
     * {@link SinkStats#unconfirmed() unconfirmed}, and a line says how many. Call after the loop
     * has stopped offering; idempotent.
     *
     * @param deadline the longest time to wait
     * @return the final counters
     */
    public SinkStats close(Duration deadline) {
        if (!closing.compareAndSet(false, true)) {
            awaitThread(System.nanoTime() + deadline.toNanos());
            return stats();
        }
        long until = System.nanoTime() + deadline.toNanos();
        closeDeadlineNanos = until;
        try {
            if (!queue.offer(CLOSE, Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                thread.interrupt();
            }
            awaitThread(until);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        SinkStats last = stats();
        if (last.unconfirmed() > 0) {
            LOG.warn("sink {}: {} records unconfirmed after the {} ms close deadline", name,
                    last.unconfirmed(), deadline.toMillis());
        }
        return last;
    }

    /** Closes with {@link #DEFAULT_CLOSE_DEADLINE}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_DEADLINE);
    }

    private void awaitThread(long until) {
        try {
            long left = until - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            sink.open();
        } catch (Exception e) {
            openFailure = e;
            LOG.warn("sink {}: cannot open: {}; its records are counted as failed", name, message(e));
        }
        try {
            while (true) {
                Object item = queue.poll();
                if (item == null) {
                    if (flushPending.getAndSet(false)) {
                        flushSink();
                    }
                    item = queue.take();
                }
                if (item == CLOSE) {
                    break;
                }
                if (item == FLUSH) {
                    flushSink();
                    continue;
                }
                deliver(item);
            }
        } catch (InterruptedException e) {
            // The close deadline passed: what the sink holds stays unconfirmed.
            LOG.debug("sink {}: interrupted at the close deadline", name);
            return;
        }
        flushSink();
        try {
            if (openFailure == null) {
                long left = Math.max(0, closeDeadlineNanos - System.nanoTime());
                sink.close(Duration.ofNanos(left));
            }
        } catch (Exception e) {
            LOG.warn("sink {}: closing failed: {}", name, message(e));
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Object item) throws InterruptedException {
        R record = (R) item;
        queuedBytes.addAndGet(-sink.recordBytes(record));
        Exception broken = openFailure;
        if (broken != null) {
            receipt.failed(broken);
            return;
        }
        try {
            sink.deliver(record, receipt);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            receipt.failed(e);
        }
    }

    private void flushSink() {
        if (openFailure != null) {
            return;
        }
        try {
            sink.flush();
        } catch (Exception e) {
            LOG.warn("sink {}: flush failed: {}", name, message(e));
        }
    }

    private void dropped(DropReason reason, String why) {
        drops.get(reason).incrementAndGet();
        if (!dropLogged.get(reason).getAndSet(true)) {
            LOG.warn("sink {}: dropping records ({}: {}); further drops are only counted", name,
                    reason.jsonName(), why);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** The one receipt of this queue: counts outcomes from any thread, allocation-free. */
    private final class Receipt implements DeliveryReceipt {

        @Override
        public void delivered() {
            delivered.incrementAndGet();
        }

        @Override
        public void dropped(DropReason reason) {
            SinkQueue.this.dropped(Objects.requireNonNull(reason, "reason"), "reported by the sink");
        }

        @Override
        public void failed(Throwable cause) {
            failed.incrementAndGet();
            if (!failureLogged.getAndSet(true)) {
                LOG.warn("sink {}: delivery failed: {}; further failures are only counted", name,
                        cause == null ? "unknown" : message(cause));
            }
        }
    }
}
