package io.udpkit.core;

/**
 * Which I/O path a {@link UdpEndpoint}'s receive loops use.
 *
 * <p>Whatever the path, the loop's counting, rate limiting, decoding and handler calls are the
 * same code; only how datagrams leave and enter the kernel differs.
 *
 * @since 0.2
 */
public enum IoMode {

    /**
     * The batch path where it is usable (the {@code udp-transport-batch} module on the class or
     * module path, JDK 22 or later, Linux on x86_64 or aarch64), NIO everywhere else. The endpoint
     * logs one INFO line naming the path it chose and why.
     */
    AUTO,

    /** One {@code DatagramChannel.receive} and one {@code send} per datagram: works on every JDK. */
    NIO,

    /**
     * {@code recvmmsg} for up to {@link TransportConfig#batchSize()} datagrams per system call,
     * replies collected and sent with one {@code sendmmsg} per batch, through the Foreign Function
     * and Memory API. Opening fails with a one-line reason where it is not usable.
     */
    BATCH
}
