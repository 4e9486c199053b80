package io.udpkit.core.spi;

import io.udpkit.core.TransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * An I/O path for {@link io.udpkit.core.UdpEndpoint}'s receive loops, found with
 * {@link java.util.ServiceLoader}: the endpoint asks it for sockets and runs its one receive loop
 * (counting, rate limiting, decoding, handler calls) on top of them.
 *
 * <p>udpkit's own NIO path is built in; the {@code udp-transport-batch} module provides the
 * {@code batch} path ({@code recvmmsg}/{@code sendmmsg} through the Foreign Function and Memory
 * API). Registered as {@code META-INF/services/io.udpkit.core.spi.TransportProvider} and with
 * {@code provides} in {@code module-info.java}. Implementations must be loadable on every JDK the
 * library supports (JDK 17): a provider whose implementation needs a newer JDK says so through
 * {@link #unavailableReason()} instead of failing to load.
 *
 * @since 0.2
 */
public interface TransportProvider {

    /**
     * The path's name, as {@link io.udpkit.core.IoMode} spells it in lower case ({@code batch}).
     * Called once per look-up.
     *
     * @return the name
     */
    String name();

    /**
     * Why this path cannot run in this JVM on this machine, in one line, or {@code null} when it
     * can. Called before {@link #open}; cheap and side-effect free.
     *
     * @return the reason, or {@code null} when usable
     */
    String unavailableReason();

    /**
     * One line for the log naming what this path does, such as {@code "recvmmsg/sendmmsg through
     * FFM"}.
     *
     * @return the description
     */
    String description();

    /**
     * Opens and binds one UDP socket for one receive loop.
     *
     * @param config    the endpoint's configuration (buffer sizes, batch size, limits); its bind
     *                  address is not used, {@code bind} is
     * @param bind      the address to bind; its port is the one chosen for the first socket when
     *                  several share a port
     * @param reusePort whether to set SO_REUSEPORT before binding
     * @return the bound socket
     * @throws java.net.BindException if the address cannot be bound; the message is the system's
     *                                reason alone (the endpoint adds the address)
     * @throws IOException            if the socket cannot be created or configured
     */
    DatagramSocketIo open(TransportConfig config, InetSocketAddress bind, boolean reusePort)
            throws IOException;
}
