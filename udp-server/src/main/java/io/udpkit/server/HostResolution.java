package io.udpkit.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to a socket address, preferring IPv4.
 *
 * <p>The Python recipe udpkit replaces uses IPv4 sockets, so {@code localhost} means 127.0.0.1 to
 * its peers. The JDK may resolve {@code localhost} to {@code ::1} first (hosts-file order,
 * {@code java.net.preferIPv6Addresses}), and a socket bound to {@code ::1} never sees a datagram
 * sent to 127.0.0.1; so the first IPv4 address wins, and an IPv6 one is used only when the name has
 * no IPv4 address.
 */
public final class HostResolution {

    private HostResolution() {
    }

    /**
     * Resolves {@code host} and pairs it with {@code port}.
     *
     * @param host a host name or literal address
     * @param port 0 to 65535 (0 = any free port, when binding)
     * @return a resolved address, IPv4 when the name has one
     * @throws UnknownHostException     if the name does not resolve
     * @throws IllegalArgumentException if the port is out of range
     */
    public static InetSocketAddress resolve(String host, int port) throws UnknownHostException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        InetAddress[] candidates = InetAddress.getAllByName(host);
        for (InetAddress candidate : candidates) {
            if (candidate instanceof Inet4Address) {
                return new InetSocketAddress(candidate, port);
            }
        }
        return new InetSocketAddress(candidates[0], port);
    }
}
