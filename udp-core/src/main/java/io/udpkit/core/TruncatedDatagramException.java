package io.udpkit.core;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Thrown by {@link UdpEndpoint#receive} when a datagram was larger than the endpoint's maximum
 * datagram size or than the caller's buffer. The datagram is dropped (UDP cannot deliver the rest)
 * and counted as {@link TransportStats#truncated() truncated}; the endpoint stays usable.
 */
public final class TruncatedDatagramException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient InetSocketAddress sender;

    TruncatedDatagramException(String message, InetSocketAddress sender) {
        super(message);
        this.sender = sender;
    }

    /**
     * Who sent the oversized datagram.
     *
     * @return the sender's address and port
     */
    public InetSocketAddress sender() {
        return sender;
    }
}
