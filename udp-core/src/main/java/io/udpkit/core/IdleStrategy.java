package io.udpkit.core;

/**
 * What a receive loop does when no datagram is queued.
 *
 * <p>{@link #BLOCK} costs no CPU while idle; the other two trade a whole core per loop for the
 * microseconds a wake-up from the kernel takes, which matters only to latency-critical services on
 * dedicated cores.
 *
 * @since 0.2
 */
public enum IdleStrategy {

    /** Sleep in the kernel ({@code epoll}/{@code poll}) until a datagram arrives (the default). */
    BLOCK,

    /** Poll the socket again after {@link Thread#yield()}: other threads still get the core. */
    YIELD,

    /** Poll the socket again at once, with {@link Thread#onSpinWait()}: one core per loop, always busy. */
    SPIN,

    /**
     * Sleep inside the receive call itself: one system call per datagram when the sender, not the
     * receiver, sets the pace, where {@link #BLOCK} on the NIO path makes three (wait for
     * readiness, receive, and a receive that finds the socket empty). The batch path already
     * waits this way under {@link #BLOCK}, so there the two are the same.
     *
     * <p>On the NIO path the channel is switched to blocking mode while the loop serves, with
     * these consequences: every datagram is a batch of its own ({@link
     * DatagramHandler#onBatchEnd()} after each, since a blocking receive cannot tell when the
     * socket ran dry); sends, replies included, wait for room in the socket's send buffer instead
     * of being counted as dropped when it is full; {@link UdpEndpoint#stop()} wakes the loop with an
     * empty datagram from a private loopback socket, discarded uncounted (a firewall that drops
     * local traffic delays the stop until the next datagram); and interrupting the loop's thread
     * closes the socket, as {@link java.nio.channels.InterruptibleChannel} prescribes, so the serve
     * ends with a {@link java.nio.channels.ClosedByInterruptException}. With an idle timeout, or
     * with several loops sharing a port ({@link TransportConfig#threads()} above 1), where a wake
     * datagram could reach another loop's socket, it waits as {@link #BLOCK} does.
     *
     * @since 0.2
     */
    RECEIVE
}
