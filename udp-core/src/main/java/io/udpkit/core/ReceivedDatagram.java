package io.udpkit.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.LongSupplier;

/**
 * The receive loop's one reusable {@link InboundDatagram}: re-armed for each datagram, disarmed
 * when the handler returns, so use after the call fails loudly instead of reading another
 * datagram's bytes.
 */
final class ReceivedDatagram implements InboundDatagram {

    private final DatagramChannel channel;
    private final ByteBuffer payload;
    private final TransportCounters counters;
    private final boolean allowLargerReplies;
    private final LongSupplier clock;
    private final ThrottledWarning oversizedReplies;
    private final ThrottledWarning failedReplies;
    private final ThrottledWarning fullSendBuffer;
    private InetSocketAddress sender;
    private int length;
    private boolean armed;

    ReceivedDatagram(DatagramChannel channel, ByteBuffer payload, TransportCounters counters,
            boolean allowLargerReplies, LongSupplier clock, ThrottledWarning oversizedReplies,
            ThrottledWarning failedReplies, ThrottledWarning fullSendBuffer) {
        this.channel = channel;
        this.payload = payload;
        this.counters = counters;
        this.allowLargerReplies = allowLargerReplies;
        this.clock = clock;
        this.oversizedReplies = oversizedReplies;
        this.failedReplies = failedReplies;
        this.fullSendBuffer = fullSendBuffer;
    }

    void arm(InetSocketAddress from, int bytes) {
        this.sender = from;
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
        return sender;
    }

    @Override
    public ByteBuffer payload() {
        checkArmed();
        return payload;
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
            oversizedReplies.record(clock.getAsLong(), sender, size, null);
            return false;
        }
        try {
            // The channel is non-blocking: 0 means the send buffer is full and nothing was sent,
            // except for an empty reply, where 0 is also the size of a datagram that was sent.
            if (channel.send(reply, sender) == 0 && size > 0) {
                counters.increment(TransportCounters.HANDLER_ERRORS);
                fullSendBuffer.record(clock.getAsLong(), sender, size, null);
                return false;
            }
        } catch (IOException e) {
            counters.increment(TransportCounters.HANDLER_ERRORS);
            failedReplies.record(clock.getAsLong(), sender, size, e);
            return false;
        }
        counters.increment(TransportCounters.REPLIED);
        return true;
    }

    private void checkArmed() {
        if (!armed) {
            throw new IllegalStateException(
                    "InboundDatagram used after its handler call returned; copy what you keep");
        }
    }
}
