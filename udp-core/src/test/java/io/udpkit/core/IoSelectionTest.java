package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import io.udpkit.core.testing.CapturedLog;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without the udp-transport-batch module (udp-core's own tests do not have it), {@code auto} falls
 * back to NIO and an explicit {@code batch} is a one-line error.
 */
class IoSelectionTest {

    private static TransportConfig.Builder config() {
        return TransportConfig.builder().bindAddress("127.0.0.1", 0);
    }

    @Test
    void autoFallsBackToNioAndSaysWhyInOneInfoLine() throws Exception {
        try (CapturedLog log = CapturedLog.of(UdpEndpoint.class, Level.INFO);
                UdpEndpoint endpoint = UdpEndpoint.open(config().build())) {
            assertEquals("nio", endpoint.ioPath());
            List<String> lines = log.messages(Level.INFO).stream()
                    .filter(line -> line.startsWith("I/O path: ")).toList();
            assertEquals(List.of("I/O path: nio (one DatagramChannel receive per datagram; io=auto:"
                    + " the udp-transport-batch module is not on the class or module path)"), lines);
        }
    }

    @Test
    void explicitBatchWithoutTheModuleIsAOneLineError() {
        IOException e = assertThrows(IOException.class,
                () -> UdpEndpoint.open(config().io(IoMode.BATCH).build()));
        assertEquals("io=batch is not available: the udp-transport-batch module is not on the"
                + " class or module path", e.getMessage());
    }
}
