package io.udpkit.core;

/** Size limits that every UDP datagram obeys, whatever the codec. */
public final class DatagramLimits {

    /**
     * The largest UDP payload over IPv4: 65,535 bytes minus an 8-byte UDP header and a 20-byte IP
     * header. Also the largest payload udpkit accepts or produces over IPv6.
     */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    private DatagramLimits() {
    }
}
