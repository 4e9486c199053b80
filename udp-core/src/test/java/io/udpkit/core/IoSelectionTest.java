package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
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
    void autoFallsBackToNio() throws Exception {
        try (UdpEndpoint endpoint = UdpEndpoint.open(config().build())) {
            assertEquals("nio", endpoint.ioPath());
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
