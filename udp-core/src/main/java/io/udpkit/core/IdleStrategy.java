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
    SPIN
}
