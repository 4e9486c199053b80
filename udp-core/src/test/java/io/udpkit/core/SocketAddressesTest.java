package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {

    @Test
    void formatWritesIpv4AsDottedQuadAndPort() throws Exception {
        assertEquals("127.0.0.1:9999",
                SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9999)));
    }

    @Test
    void formatWritesIpv6InBracketsInItsShortestForm() throws Exception {
        assertEquals("[::1]:9999", SocketAddresses.format(new InetSocketAddress(ip6("::1"), 9999)));
        assertEquals("[::]:0", SocketAddresses.format(new InetSocketAddress(ip6("::"), 0)));
    }

    @Test
    void formatNeverPrintsAHostName() throws Exception {
        InetAddress named = InetAddress.getByAddress("example.test", new byte[] {10, 0, 0, 1});
        assertEquals("10.0.0.1:53", SocketAddresses.format(new InetSocketAddress(named, 53)));
    }

    @Test
    void formatWritesAnUnresolvedAddressByItsName() {
        assertEquals("nowhere.test:7", SocketAddresses.format(InetSocketAddress.createUnresolved("nowhere.test", 7)));
    }

    @Test
    void hostCompressesTheLongestRunOfZeroGroupsAsRfc5952Says() throws Exception {
        assertEquals("2001:db8::1", SocketAddresses.host(ip6("2001:0db8:0:0:0:0:0:1")));
        // Two runs: the longer one is compressed.
        assertEquals("2001:0:0:1::1", SocketAddresses.host(ip6("2001:0:0:1:0:0:0:1")));
        // Two runs of equal length: the first.
        assertEquals("2001:db8::1:0:0:1", SocketAddresses.host(ip6("2001:db8:0:0:1:0:0:1")));
        // A single zero group is written as 0, not ::.
        assertEquals("2001:db8:0:1:1:1:1:1", SocketAddresses.host(ip6("2001:db8:0:1:1:1:1:1")));
        assertEquals("fe80::abcd", SocketAddresses.host(ip6("FE80:0:0:0:0:0:0:ABCD")));
        assertEquals("1::", SocketAddresses.host(ip6("1:0:0:0:0:0:0:0")));
    }

    @Test
    void hostKeepsTheScopeOfALinkLocalAddress() throws Exception {
        Inet6Address scoped = Inet6Address.getByAddress(null, ip6("fe80::1").getAddress(), 3);
        assertEquals("fe80::1%3", SocketAddresses.host(scoped));
        assertEquals("[fe80::1%3]:53", SocketAddresses.format(new InetSocketAddress(scoped, 53)));
    }

    @Test
    void resolvePrefersIpv4() throws Exception {
        InetSocketAddress localhost = SocketAddresses.resolve("localhost", 5);
        assertInstanceOf(Inet4Address.class, localhost.getAddress());
        assertEquals(5, localhost.getPort());
    }

    @Test
    void resolveTakesIpv6LiteralsWithOrWithoutBrackets() throws Exception {
        assertEquals("[::1]:6", SocketAddresses.format(SocketAddresses.resolve("::1", 6)));
        assertEquals("[::1]:6", SocketAddresses.format(SocketAddresses.resolve("[::1]", 6)));
    }

    @Test
    void resolveRejectsAPortOutOfRange() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SocketAddresses.resolve("127.0.0.1", 70_000));
        assertEquals("port out of range: 70000", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SocketAddresses.resolve("127.0.0.1", -1));
    }

    @Test
    void resolveFailsOnAnUnknownName() {
        assertThrows(UnknownHostException.class, () -> SocketAddresses.resolve("no-such-host.invalid", 1));
    }

    private static Inet6Address ip6(String literal) throws UnknownHostException {
        return (Inet6Address) InetAddress.getByName(literal);
    }
}
