package io.udpkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UdpClientTest {

    /** The timeout message writes an IPv6 target as people type it: brackets, shortest form. */
    @Test
    void noReplyNamesAnIpv6TargetInBrackets() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            try (UdpClient client = UdpClient.builder().target("::1", port).open()) {
                client.send(new byte[] {1});
                SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class,
                        () -> client.receive(Duration.ofMillis(200)));
                assertEquals("no reply from [::1]:" + port + " within 0.2 s", timeout.getMessage());
            }
        }
    }
}
