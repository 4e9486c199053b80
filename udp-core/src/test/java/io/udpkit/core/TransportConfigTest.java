package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TransportConfigTest {

    private static void assertRejected(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void defaultsAreTheSecureOnes() {
        TransportConfig config = TransportConfig.builder().build();
        assertEquals(new InetSocketAddress("127.0.0.1", 9999), config.bindAddress());
        assertTrue(config.bindAddress().getAddress().isLoopbackAddress());
        assertFalse(config.reuseAddress(), "no SO_REUSEADDR unless asked");
        assertEquals(0, config.receiveBufferSize());
        assertEquals(0, config.sendBufferSize());
        assertEquals(Duration.ZERO, config.idleTimeout());
        assertEquals(65_507, config.maxDatagramSize());
        assertFalse(config.allowLargerReplies());
        assertEquals(0, config.maxPacketsPerSecondPerSource());
        assertEquals(4096, config.rateLimiterSources());
    }

    @Test
    void preconditionMessagesStateTheFailedCheck() {
        TransportConfig.Builder b = TransportConfig.builder();
        assertRejected("port out of range: 70000", () -> b.bindAddress("127.0.0.1", 70_000));
        assertRejected("port out of range: -1", () -> b.bindAddress("127.0.0.1", -1));
        assertRejected("bindAddress is unresolved: no-such-host.invalid:5",
                () -> b.bindAddress(InetSocketAddress.createUnresolved("no-such-host.invalid", 5)));
        assertRejected("receiveBufferSize must be >= 0: -1", () -> b.receiveBufferSize(-1));
        assertRejected("sendBufferSize must be >= 0: -2", () -> b.sendBufferSize(-2));
        assertRejected("idleTimeout must not be negative: PT-1S",
                () -> b.idleTimeout(Duration.ofSeconds(-1)));
        assertRejected("maxDatagramSize out of range [1, 65507]: 65508",
                () -> b.maxDatagramSize(65_508));
        assertRejected("maxDatagramSize out of range [1, 65507]: 0", () -> b.maxDatagramSize(0));
        assertRejected("maxPacketsPerSecondPerSource must be >= 0: -5",
                () -> b.maxPacketsPerSecondPerSource(-5));
        assertRejected("rateLimiterSources out of range [1, 1048576]: 0",
                () -> b.rateLimiterSources(0));
    }

    @Test
    void nullIdleTimeoutMeansNone() {
        assertEquals(Duration.ZERO, TransportConfig.builder().idleTimeout(null).build()
                .idleTimeout());
    }

    @Test
    void toBuilderCopiesEveryValue() {
        TransportConfig config = TransportConfig.builder().bindAddress("127.0.0.1", 0)
                .reuseAddress(false).receiveBufferSize(1).sendBufferSize(2)
                .idleTimeout(Duration.ofSeconds(5)).maxDatagramSize(22).allowLargerReplies(true)
                .maxPacketsPerSecondPerSource(7).rateLimiterSources(8).build();
        assertEquals(config.toString(), config.toBuilder().build().toString());
    }
}
