package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The NIO path: one non-blocking {@link DatagramChannel}, one datagram per {@link #receive()},
 * replies sent at once. Works on every JDK and OS.
 *
 * <p>The receive buffer is direct, allocated once, and one byte larger than the maximum datagram
 * size, so a larger datagram fills the extra byte and is reported as truncated instead of being
 * cut silently. The JDK reuses the sender's {@link InetSocketAddress} while the sender repeats and
 * allocates a new one when it changes; the selector's one key stays in its selected set, so
 * waiting allocates nothing either (but see {@link UdpEndpoint} on descriptors of 128 and more).
 *
 * <p>{@link IdleStrategy#RECEIVE}: {@link #startBlockingReceive()} takes the channel off the
 * selector and puts it in blocking mode, so the loop sleeps in {@code recvfrom} itself, and
 * {@link #wakeup()} then also sends an empty datagram from a {@link ReceiveWaker}, which
 * {@link #receive()} discards (in either mode, so a late one never reaches a handler).
 */
final class NioDatagramSocket implements DatagramSocketIo {

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final int maxDatagramSize;
    private final ByteBuffer buffer;
    private final ByteBuffer view;
    private final boolean sharesPort;
    private SelectionKey key;
    /** Opened by the first {@link #startBlockingReceive()}; loop thread writes, any thread reads. */
    private volatile ReceiveWaker waker;
    private volatile boolean blockingReceive;
    private InetSocketAddress sender;
    private int length;

    private NioDatagramSocket(DatagramChannel channel, Selector selector, SelectionKey key,
            InetSocketAddress localAddress, int maxDatagramSize, boolean sharesPort) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
        this.localAddress = localAddress;
        this.maxDatagramSize = maxDatagramSize;
        this.sharesPort = sharesPort;
        this.buffer = ByteBuffer.allocateDirect(maxDatagramSize + 1);
        this.view = buffer.asReadOnlyBuffer();
    }

    /** Opens, configures and binds a channel; the bind failure's message is the JDK's alone. */
    static NioDatagramSocket open(TransportConfig config, InetSocketAddress bind,
            boolean reusePort) throws IOException {
        ProtocolFamily family = bind.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, config.reuseAddress());
            if (reusePort) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (config.receiveBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferSize());
            }
            if (config.sendBufferSize() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferSize());
            }
            try {
                channel.bind(bind);
            } catch (IOException e) {
                BindException failure = new BindException(e.getMessage());
                failure.initCause(e);
                throw failure;
            }
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            return new NioDatagramSocket(channel, selector, key,
                    (InetSocketAddress) channel.getLocalAddress(), config.maxDatagramSize(),
                    reusePort);
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                closeAfterFailure(selector, e);
            }
            closeAfterFailure(channel, e);
            throw e;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public int receiveBufferSize() throws IOException {
        return channel.getOption(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public int sendBufferSize() throws IOException {
        return channel.getOption(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public int capacity() {
        return 1;
    }

    @Override
    public int receive() throws IOException {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
        if (from == null) {
            return 0;
        }
        int size = buffer.position();
        ReceiveWaker wakes = waker;
        if (size == 0 && wakes != null && wakes.sent(from)) {
            return 0;
        }
        sender = from;
        length = size;
        return 1;
    }

    @Override
    public int length(int index) {
        return length;
    }

    @Override
    public boolean truncated(int index) {
        return length > maxDatagramSize;
    }

    @Override
    public ByteBuffer payload(int index) {
        return view;
    }

    @Override
    public long senderKey(int index) {
        return SenderKeys.of(sender);
    }

    @Override
    public InetSocketAddress sender(int index) {
        return sender;
    }

    @Override
    public int reply(int index, ByteBuffer reply) throws IOException {
        // Non-blocking: 0 means the send buffer is full and nothing was sent, except for an empty
        // reply, where 0 is also the size of a datagram that was sent.
        int size = reply.remaining();
        return channel.send(reply, sender) == 0 && size > 0 ? SEND_BUFFER_FULL : SENT;
    }

    @Override
    public void flushReplies(ReplyOutcomes outcomes) {
        // Replies were sent as they were made.
    }

    @Override
    public int awaitAndReceive(long timeoutNanos) throws IOException {
        if (blockingReceive) {
            return receive();
        }
        return DatagramSocketIo.super.awaitAndReceive(timeoutNanos);
    }

    @Override
    public boolean startBlockingReceive() throws IOException {
        if (sharesPort) {
            // A wake datagram from loopback could be handed to a sibling socket of the port.
            return false;
        }
        if (waker == null) {
            try {
                waker = ReceiveWaker.open(localAddress);
            } catch (IOException e) {
                return false;
            }
        }
        key.cancel();
        selector.selectNow();
        channel.configureBlocking(true);
        blockingReceive = true;
        return true;
    }

    @Override
    public void stopBlockingReceive() throws IOException {
        if (!blockingReceive) {
            return;
        }
        blockingReceive = false;
        if (!channel.isOpen()) {
            return;
        }
        channel.configureBlocking(false);
        key = channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public void awaitReadable(long timeoutNanos) throws IOException {
        try {
            // The one key stays in the selected set: select() still returns when the socket is
            // readable, and nothing is removed and re-added (which would allocate).
            selector.select(timeoutNanos == 0 ? 0 : Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public void wakeup() {
        try {
            selector.wakeup();
        } catch (ClosedSelectorException e) {
            // Closed: the loop, if any, is returning.
        }
        ReceiveWaker wakes = waker;
        if (blockingReceive && wakes != null) {
            wakes.wake();
        }
    }

    @Override
    public boolean trySend(ByteBuffer payload, InetSocketAddress target) throws IOException {
        int size = payload.remaining();
        return channel.send(payload, target) != 0 || size == 0;
    }

    @Override
    public long socketDrops() {
        return -1;
    }

    @Override
    public long inode() {
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            try {
                channel.close();
            } finally {
                ReceiveWaker wakes = waker;
                if (wakes != null) {
                    wakes.close();
                }
            }
        }
    }

    private static void closeAfterFailure(AutoCloseable resource, Exception primary) {
        try {
            resource.close();
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }
}
