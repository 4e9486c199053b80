package io.udpkit.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Socket addresses as people type them, both ways: {@link #format} writes {@code 127.0.0.1:9999}
 * and {@code [::1]:9999}, and {@link #resolve} turns a host name and a port into an address,
 * preferring IPv4.
 *
 * <p>One place for this, so that logs, error messages, JSON output and load reports all print an
 * address the same way, and every launcher resolves {@code --host} the same way.
 */
public final class SocketAddresses {

    private static final int MAX_PORT = 65_535;

    private SocketAddresses() {
    }

    /**
     * Formats {@code address} as {@code host:port}: an IPv4 literal as {@code 127.0.0.1:9999}, an
     * IPv6 literal in brackets and in its shortest form ({@code [::1]:9999}, not
     * {@code [0:0:0:0:0:0:0:1]:9999}), an unresolved address by the name it was given. Unlike
     * {@link InetSocketAddress#toString()}, it prints no host name and never does a reverse lookup.
     *
     * @param address the address
     * @return host and port, for example {@code [fe80::1%eth0]:53}
     */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (address.isUnresolved() || ip == null) {
            String host = address.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
        }
        return ip instanceof Inet6Address
                ? "[" + host(ip) + "]:" + address.getPort()
                : host(ip) + ":" + address.getPort();
    }

    /**
     * Formats an IP address as a literal, without brackets: {@code 127.0.0.1}, {@code ::1},
     * {@code 2001:db8::1:0:0:1}, {@code fe80::1%eth0} (RFC 5952: lower case, leading zeros
     * dropped, the longest run of two or more zero groups, the first of equals, written
     * {@code ::}).
     *
     * @param address an IPv4 or IPv6 address
     * @return its literal, never a host name
     */
    public static String host(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        // getHostAddress writes all eight groups (0:0:0:0:0:0:0:1), then %scope when there is one.
        String full = address.getHostAddress();
        int percent = full.indexOf('%');
        String scope = percent >= 0 ? full.substring(percent) : "";
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.append(scope).toString();
    }

    /**
     * Resolves {@code host} and pairs it with {@code port}, preferring IPv4.
     *
     * <p>The Python recipe udpkit replaces uses IPv4 sockets, so {@code localhost} means 127.0.0.1
     * to its peers. The JDK may resolve {@code localhost} to {@code ::1} first (hosts-file order,
     * {@code java.net.preferIPv6Addresses}), and a socket bound to {@code ::1} never sees a
     * datagram sent to 127.0.0.1; so the first IPv4 address wins, and an IPv6 one is used only
     * when the name has no IPv4 address.
     *
     * @param host a host name or a literal address ({@code ::1} or {@code [::1]})
     * @param port 0 to 65535 (0 = any free port, when binding)
     * @return a resolved address, IPv4 when the name has one
     * @throws UnknownHostException     if the name does not resolve
     * @throws IllegalArgumentException if the port is out of range
     */
    public static InetSocketAddress resolve(String host, int port) throws UnknownHostException {
        if (port < 0 || port > MAX_PORT) {
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
