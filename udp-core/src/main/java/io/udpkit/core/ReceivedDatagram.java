package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * A receive loop's one reusable {@link InboundDatagram}: armed with a message index of the current
 * receive for each datagram, disarmed when the handler returns, so use after the call fails loudly
 * instead of reading another datagram's bytes.
 */
final class ReceivedDatagram implements InboundDatagram {

    private final DatagramSocketIo socket;
    private final TransportCounters counters;
    private final boolean allowLargerReplies;
    private final LongSupplier clock;
    private final ThrottledWarning oversizedReplies;
    private final ThrottledWarning failedReplies;
    private final ThrottledWarning fullSendBuffer;
    private int index;
    private int length;
    private boolean armed;
    private InetSocketAddress sender;

    ReceivedDatagram(DatagramSocketIo socket, TransportCounters counters,
            boolean allowLargerReplies, LongSupplier clock, ThrottledWarning oversizedReplies,
            ThrottledWarning failedReplies, ThrottledWarning fullSendBuffer) {
        this.socket = socket;
        this.counters = counters;
        this.allowLargerReplies = allowLargerReplies;
        this.clock = clock;
        this.oversizedReplies = oversizedReplies;
        this.failedReplies = failedReplies;
        this.fullSendBuffer = fullSendBuffer;
    }

    void arm(int messageIndex, int bytes) {
        this.index = messageIndex;
        this.length = bytes;
        this.armed = true;
    }

    void disarm() {
        armed = false;
        sender = null;
    }

    @Override
    public InetSocketAddress sender() {
        checkArmed();
        InetSocketAddress known = sender;
        if (known == null) {
            known = socket.sender(index);
            sender = known;
        }
        return known;
    }

    @Override
    public ByteBuffer payload() {
        checkArmed();
        return socket.payload(index);
    }

    @Override
    public int length() {
        checkArmed();
        return length;
    }

    @Override
    public boolean reply(ByteBuffer reply) {
        checkArmed();
        int size = reply.remaining();
        if (size > length && !allowLargerReplies) {
            counters.increment(TransportCounters.OVERSIZED_REPLIES);
            oversizedReplies.record(clock.getAsLong(), this, size, null);
            return false;
        }
        try {
            switch (socket.reply(index, reply)) {
                case DatagramSocketIo.SENT:
                    counters.increment(TransportCounters.REPLIED);
                    return true;
                case DatagramSocketIo.QUEUED:
                    // Counted as replied (or not) when the batch's replies are sent.
                    return true;
                default:
                    counters.increment(TransportCounters.HANDLER_ERRORS);
                    fullSendBuffer.record(clock.getAsLong(), this, size, null);
                    return false;
            }
        } catch (IOException e) {
            counters.increment(TransportCounters.HANDLER_ERRORS);
            failedReplies.record(clock.getAsLong(), this, size, e);
            return false;
        }
    }

    private void checkArmed() {
        if (!armed) {
            throw new IllegalStateException(
                    "InboundDatagram used after its handler call returned; copy what you keep");
        }
    }
}
