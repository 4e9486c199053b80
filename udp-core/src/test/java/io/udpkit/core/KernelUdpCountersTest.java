package io.udpkit.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.testing.CapturedLog;
import io.udpkit.core.testing.LoopbackPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelUdpCountersTest {

    @TempDir
    Path dir;

    @Test
    void readsRcvbufErrorsFromTheUdpLines() throws Exception {
        Path snmp = dir.resolve("snmp");
        Files.write(snmp, List.of(
                "Ip: Forwarding DefaultTTL",
                "Ip: 1 64",
                "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "Udp: 65 0 7 66 12345 0",
                "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors",
                "UdpLite: 0 0 0 0 999 0"), US_ASCII);
        assertEquals(12345, new KernelUdpCounters(snmp).receiveBufferErrors());
    }

    @Test
    void reportsMinusOneWhenUnreadableOrMissing() throws Exception {
        assertEquals(-1, new KernelUdpCounters(dir.resolve("absent")).receiveBufferErrors());
        Path noField = dir.resolve("snmp");
        Files.write(noField, List.of("Udp: InDatagrams", "Udp: 5"), US_ASCII);
        assertEquals(-1, new KernelUdpCounters(noField).receiveBufferErrors());
    }

    @Test
    void endpointReportsMinusOneWithoutProcNetSnmp() throws Exception {
        try (UdpEndpoint endpoint = UdpEndpoint.open(
                TransportConfig.builder().bindAddress("127.0.0.1", 0).build(), System::nanoTime,
                new KernelUdpCounters(dir.resolve("absent")))) {
            assertEquals(-1, endpoint.stats().kernelDrops());
        }
    }

    @Test
    void overflowingTheReceiveBufferIsCountedAndWarnedAbout() throws Exception {
        assumeTrue(new KernelUdpCounters(KernelUdpCounters.PROC_NET_SNMP).receiveBufferErrors() >= 0,
                "needs a readable /proc/net/snmp");
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class);
                UdpEndpoint server = UdpEndpoint.open(TransportConfig.builder()
                        .bindAddress("127.0.0.1", 0).receiveBufferSize(4096)
                        .idleTimeout(Duration.ofMillis(200)).build());
                LoopbackPeer peer = new LoopbackPeer()) {
            // Nobody reads yet: a 4 KiB buffer overflows long before 500 datagrams.
            for (int i = 0; i < 500; i++) {
                peer.send(server.localAddress(), new byte[512]);
            }
            assertEquals(StopReason.IDLE_TIMEOUT,
                    server.serve(RawCodec.INSTANCE, (payload, datagram) -> { }));

            TransportStats stats = server.stats();
            assertTrue(stats.received() < 500, stats.toJson());
            assertTrue(stats.kernelDrops() >= 500 - stats.received(), stats.toJson());
            List<String> warnings = log.messages(Level.WARN);
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("the kernel dropped ")
                    && w.contains("raise SO_RCVBUF") && w.contains("net.core.rmem_max")),
                    warnings.toString());
        }
    }
}
