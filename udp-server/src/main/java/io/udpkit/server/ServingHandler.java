package io.udpkit.server;

import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.SocketAddresses;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of every datagram, decoded or not: the empty-datagram stop, the reply, a
 * debug line, the sinks (decoded values only; flushed at the end of each batch), then the user's
 * handler. Allocates nothing per datagram: replies that need
 * computing are written into one direct buffer owned by this (single-threaded) handler.
 */
final class ServingHandler<T> implements DatagramHandler<T> {

    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);

    private final Runnable stopServer;
    private final ReplyPolicy reply;
    private final boolean stopOnEmpty;
    private final DatagramHandler<? super T> delegate;
    private final SinkQueue<?>[] sinks;
    private final ByteBuffer replyBuffer;

    ServingHandler(Runnable stopServer, ReplyPolicy reply, boolean stopOnEmpty,
                   DatagramHandler<? super T> delegate, SinkQueue<?>[] sinks, int maxDatagramSize) {
        this.stopServer = stopServer;
        this.reply = reply;
        this.stopOnEmpty = stopOnEmpty;
        this.delegate = delegate;
        this.sinks = sinks;
        this.replyBuffer = reply == ReplyPolicy.UPPER ? ByteBuffer.allocateDirect(maxDatagramSize) : null;
    }

    @Override
    public void onMessage(T value, InboundDatagram datagram) throws Exception {
        if (stopsServer(datagram)) {
            return;
        }
        sendReply(datagram);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} bytes from {}, decoded", datagram.length(),
                    SocketAddresses.format(datagram.sender()));
        }
        if (sinks.length > 0) {
            long arrival = System.currentTimeMillis();
            for (SinkQueue<?> sink : sinks) {
                sink.offer(value, datagram.payload(), datagram.sender(), arrival);
            }
        }
        delegate.onMessage(value, datagram);
    }

    @Override
    public void onBatchEnd() throws Exception {
        for (SinkQueue<?> sink : sinks) {
            sink.endOfBatch();
        }
        delegate.onBatchEnd();
    }

    @Override
    public void onUndecodable(InboundDatagram datagram, CodecException error) throws Exception {
        if (stopsServer(datagram)) {
            return;
        }
        sendReply(datagram);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} bytes from {}, not decoded: {}", datagram.length(),
                    SocketAddresses.format(datagram.sender()), error.getMessage());
        }
        delegate.onUndecodable(datagram, error);
    }

    private boolean stopsServer(InboundDatagram datagram) {
        if (stopOnEmpty && datagram.length() == 0) {
            LOG.info("empty datagram from {}: stopping (stop-on-empty)",
                    SocketAddresses.format(datagram.sender()));
            stopServer.run();
            return true;
        }
        return false;
    }

    private void sendReply(InboundDatagram datagram) throws Exception {
        switch (reply) {
            case ECHO: {
                ByteBuffer payload = datagram.payload();
                int position = payload.position();
                try {
                    datagram.reply(payload);
                } finally {
                    // Sending consumes the buffer; the user's handler reads it after us.
                    payload.position(position);
                }
                break;
            }
            case UPPER:
                replyBuffer.clear();
                ReplyPolicy.stripUpper(datagram.payload(), replyBuffer);
                replyBuffer.flip();
                datagram.reply(replyBuffer);
                break;
            case NONE:
            default:
                break;
        }
    }
}
