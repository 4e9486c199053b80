package io.udpkit.core;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Formats socket addresses the way people type them: {@code 127.0.0.1:9999}, {@code [::1]:9999}. */
final class SocketAddressText {

    private SocketAddressText() {
    }

    /** Unlike {@link InetSocketAddress#toString()}, prints no host name and no leading slash. */
    static String of(InetSocketAddress address) {
        if (address.isUnresolved() || address.getAddress() == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String host = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address
                ? "[" + host + "]:" + address.getPort()
                : host + ":" + address.getPort();
    }
}
