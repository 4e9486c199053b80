package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One socket's receive loop: the one place where datagrams are counted, rate limited, decoded and
 * handed to the handler, whichever I/O path ({@link DatagramSocketIo}) brings them in.
 *
 * <p>Each pass takes what the socket has queued (one datagram on the NIO path, up to a batch on
 * the batch path), dispatches every message, sends the replies the handler queued, and calls
 * {@link DatagramHandler#onBatchEnd()} after each batch, or on the NIO path after up to
 * {@link TransportConfig#batchSize()} datagrams or when the socket runs dry. The clock is read once
 * per pass, not per datagram. When nothing is queued it idles as the {@link IdleStrategy} says,
 * until a datagram, {@link LoopGroup#stop()}, closing, or the group's idle timeout. Under
 * {@link IdleStrategy#RECEIVE}, when the socket can ({@link DatagramSocketIo#startBlockingReceive}),
 * every pass is one blocking receive, and what it returned is a batch.
 *
 * <p>Owned by one thread while it runs; its counters may be read from any thread.
 */
final class ReceiveLoop implements DatagramSocketIo.ReplyOutcomes {

    private final int index;
    private final DatagramSocketIo socket;
    private final TransportConfig config;
    private final LongSupplier clock;
    private final TransportCounters counters = new TransportCounters();
    private final SourceRateLimiter rateLimiter;
    private final ReceivedDatagram datagram;
    private final ThrottledWarning undecodableWarning;
    private final ThrottledWarning codecFailureWarning;
    private final ThrottledWarning handlerWarning;
    private final ThrottledWarning truncatedWarning;
    private final ThrottledWarning rateLimitedWarning;
    private final ThrottledWarning unsentRepliesWarning;
    /** Written once per pass by the loop's thread, read by the others for the idle timeout. */
    private volatile long lastDatagramNanos;

    ReceiveLoop(int index, DatagramSocketIo socket, TransportConfig config, LongSupplier clock,
            Logger log) {
        this.index = index;
        this.socket = socket;
        this.config = config;
        this.clock = clock;
        this.rateLimiter = config.maxPacketsPerSecondPerSource() > 0
                ? new SourceRateLimiter(config.maxPacketsPerSecondPerSource(),
                        config.rateLimiterSources())
                : null;
        this.undecodableWarning = warning(log, "undecodable datagram");
        this.codecFailureWarning = warning(log,
                "codec failed with an unexpected exception (a codec bug) on a datagram");
        this.handlerWarning = warning(log, "handler failed on a datagram");
        this.truncatedWarning = warning(log, "datagram dropped: larger than maxDatagramSize "
                + config.maxDatagramSize() + " bytes");
        this.rateLimitedWarning = warning(log, "datagram dropped: its source exceeds the"
                + " per-source rate limit of " + config.maxPacketsPerSecondPerSource()
                + " datagrams per second (udp-server --max-pps-per-source; TransportConfig"
                + " maxPacketsPerSecondPerSource)");
        this.unsentRepliesWarning = warning(log, "replies not sent");
        this.datagram = new ReceivedDatagram(socket, counters, config.allowLargerReplies(), clock,
                warning(log, "reply refused: larger than the datagram it answers"
                        + " (allowLargerReplies is off)"),
                warning(log, "reply failed"),
                warning(log, "reply dropped: the socket send buffer is full"));
    }

    int index() {
        return index;
    }

    DatagramSocketIo socket() {
        return socket;
    }

    TransportCounters counters() {
        return counters;
    }

    SourceRateLimiter rateLimiter() {
        return rateLimiter;
    }

    long lastDatagramNanos() {
        return lastDatagramNanos;
    }

    /**
     * Runs until the group stops, closes or goes idle.
     *
     * @return why it ended
     * @throws IOException if the socket fails while the group is open
     */
    <T> StopReason run(Decoder<T> decoder, DatagramHandler<? super T> handler, LoopGroup group)
            throws IOException {
        int batchSize = config.batchSize();
        boolean batchPerReceive = socket.capacity() > 1;
        IdleStrategy idle = config.idleStrategy();
        lastDatagramNanos = clock.getAsLong();
        int sinceBatchEnd = 0;
        // Whether the next pass waits. A receive that found nothing, or a batch receive that
        // returned less than a full batch (the queue is empty), is followed by a wait; with
        // IdleStrategy.BLOCK the wait and the next receive are one call (awaitAndReceive).
        boolean wait = false;
        boolean blockInReceive = idle == IdleStrategy.RECEIVE && group.idleTimeoutNanos() == 0
                && socket.startBlockingReceive();
        try {
            while (true) {
                StopReason stop = group.stopReason();
                if (stop != null || Thread.currentThread().isInterrupted()) {
                    endBatch(handler, sinceBatchEnd);
                    return stop != null ? stop : StopReason.STOPPED;
                }
                int received;
                if (blockInReceive) {
                    received = socket.awaitAndReceive(0);
                } else if (!wait) {
                    received = socket.receive();
                } else {
                    long waitNanos = 0;
                    if (group.idleTimeoutNanos() > 0) {
                        long remaining = group.idleTimeoutNanos()
                                - (clock.getAsLong() - group.lastDatagramNanos());
                        if (remaining <= 0) {
                            group.end(StopReason.IDLE_TIMEOUT);
                            return StopReason.IDLE_TIMEOUT;
                        }
                        waitNanos = remaining;
                    }
                    received = idle(idle, waitNanos);
                }
                if (received > 0) {
                    long now = clock.getAsLong();
                    lastDatagramNanos = now;
                    for (int i = 0; i < received; i++) {
                        dispatch(i, now, decoder, handler);
                    }
                    socket.flushReplies(this);
                    sinceBatchEnd += received;
                    if (blockInReceive || batchPerReceive || sinceBatchEnd >= batchSize) {
                        sinceBatchEnd = endBatch(handler, sinceBatchEnd);
                    }
                    wait = batchPerReceive && received < socket.capacity();
                    continue;
                }
                sinceBatchEnd = endBatch(handler, sinceBatchEnd);
                wait = true;
            }
        } catch (ClosedChannelException e) {
            if (group.stopReason() == StopReason.CLOSED) {
                return StopReason.CLOSED;
            }
            throw e;
        } finally {
            if (blockInReceive) {
                socket.stopBlockingReceive();
            }
        }
    }

    /** Waits as the idle strategy says; a blocking wait also receives what arrived. */
    private int idle(IdleStrategy idle, long waitNanos) throws IOException {
        switch (idle) {
            case SPIN:
                Thread.onSpinWait();
                return socket.receive();
            case YIELD:
                Thread.yield();
                return socket.receive();
            default:
                return socket.awaitAndReceive(waitNanos);
        }
    }

    /** Calls the end-of-batch hook if datagrams were handed over since the last call. */
    private int endBatch(DatagramHandler<?> handler, int sinceBatchEnd) {
        if (sinceBatchEnd > 0) {
            try {
                handler.onBatchEnd();
            } catch (Exception e) {
                counters.increment(TransportCounters.HANDLER_ERRORS);
                handlerWarning.record(clock.getAsLong(), null, -1, e);
            }
        }
        return 0;
    }

    private <T> void dispatch(int message, long now, Decoder<T> decoder,
            DatagramHandler<? super T> handler) {
        counters.increment(TransportCounters.RECEIVED);
        int length = socket.length(message);
        datagram.arm(message, length);
        try {
            if (rateLimiter != null && !rateLimiter.tryAcquire(socket.senderKey(message), now)) {
                counters.increment(TransportCounters.RATE_LIMITED);
                rateLimitedWarning.record(now, datagram, length, null);
                return;
            }
            if (socket.truncated(message)) {
                counters.increment(TransportCounters.TRUNCATED);
                // The kernel cut it to the buffer: its real size is unknown, only "too large".
                truncatedWarning.record(now, datagram, -1, null);
                return;
            }
            ByteBuffer payload = resetPayload(message, length);
            T value;
            try {
                value = decoder.decode(payload);
            } catch (CodecException e) {
                counters.increment(TransportCounters.UNDECODABLE);
                undecodableWarning.record(now, datagram, length, e);
                reportUndecodable(handler, message, length, now, e);
                return;
            } catch (RuntimeException e) {
                counters.increment(TransportCounters.UNDECODABLE);
                counters.increment(TransportCounters.HANDLER_ERRORS);
                codecFailureWarning.record(now, datagram, length, e);
                reportUndecodable(handler, message, length, now,
                        new CodecException("codec failed: " + e, e));
                return;
            }
            counters.increment(TransportCounters.DECODED);
            resetPayload(message, length);
            try {
                handler.onMessage(value, datagram);
            } catch (Exception e) {
                counters.increment(TransportCounters.HANDLER_ERRORS);
                handlerWarning.record(now, datagram, length, e);
            }
        } finally {
            datagram.disarm();
        }
    }

    private void reportUndecodable(DatagramHandler<?> handler, int message, int length, long now,
            CodecException error) {
        resetPayload(message, length);
        try {
            handler.onUndecodable(datagram, error);
        } catch (Exception e) {
            counters.increment(TransportCounters.HANDLER_ERRORS);
            handlerWarning.record(now, datagram, length, e);
        }
    }

    /** Undoes whatever the codec or a previous handler did to the message's view. */
    private ByteBuffer resetPayload(int message, int length) {
        ByteBuffer payload = socket.payload(message);
        payload.clear().limit(length);
        payload.order(ByteOrder.BIG_ENDIAN);
        return payload;
    }

    @Override
    public void sent(int count) {
        counters.add(TransportCounters.REPLIED, count);
    }

    @Override
    public void notSent(int count, String reason) {
        counters.add(TransportCounters.HANDLER_ERRORS, count);
        unsentRepliesWarning.record(clock.getAsLong(), null, -1, new UnsentReplies(count, reason));
    }

    /** Why replies were not sent; stackless, as it says all there is to say. */
    private static final class UnsentReplies extends IOException {

        private static final long serialVersionUID = 1L;

        UnsentReplies(int count, String reason) {
            super(count + " of a batch's replies: " + reason);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Logs the suppressed-warning tallies; call when the loop has returned. */
    void flushWarnings() {
        undecodableWarning.flush();
        codecFailureWarning.flush();
        handlerWarning.flush();
        truncatedWarning.flush();
        rateLimitedWarning.flush();
        unsentRepliesWarning.flush();
    }

    private static ThrottledWarning warning(Logger log, String event) {
        return new ThrottledWarning(log, event, ThrottledWarning.DEFAULT_INTERVAL_NANOS);
    }
}
