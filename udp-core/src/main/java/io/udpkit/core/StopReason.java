package io.udpkit.core;

/** Why {@link UdpEndpoint#serve} returned. */
public enum StopReason {

    /**
     * {@link UdpEndpoint#stop()} was called, from any thread, before or during the loop; or the
     * loop's thread was interrupted.
     */
    STOPPED,

    /** No datagram arrived for the configured {@link TransportConfig#idleTimeout()}. */
    IDLE_TIMEOUT,

    /** The endpoint was {@link UdpEndpoint#close() closed}, while the loop ran or before. */
    CLOSED
}
