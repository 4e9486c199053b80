package io.udpkit.core.testing;

import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler for tests that replies to every datagram with its own bytes, decoded or not, and counts
 * the calls of each kind.
 *
 * @param <T> the decoded type
 */
public final class CountingEcho<T> implements DatagramHandler<T> {

    /** Decoded datagrams handed over. */
    public final AtomicInteger messages = new AtomicInteger();
    /** Undecodable datagrams handed over. */
    public final AtomicInteger rejected = new AtomicInteger();
    /** {@link #onBatchEnd()} calls. */
    public final AtomicInteger batches = new AtomicInteger();

    @Override
    public void onMessage(T value, InboundDatagram datagram) {
        messages.incrementAndGet();
        datagram.reply(datagram.payload());
    }

    @Override
    public void onUndecodable(InboundDatagram datagram, CodecException error) {
        rejected.incrementAndGet();
        datagram.reply(datagram.payload());
    }

    @Override
    public void onBatchEnd() {
        batches.incrementAndGet();
    }

    /** Datagrams handed over, decoded or not. */
    public int handled() {
        return messages.get() + rejected.get();
    }
}
