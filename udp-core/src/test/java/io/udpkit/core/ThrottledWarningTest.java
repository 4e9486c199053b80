package io.udpkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.udpkit.core.testing.CapturedLog;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTest {

    private static final InboundDatagram SENDER = new InboundDatagram() {
        @Override
        public InetSocketAddress sender() {
            return new InetSocketAddress("127.0.0.1", 5555);
        }

        @Override
        public java.nio.ByteBuffer payload() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int length() {
            return 0;
        }

        @Override
        public boolean reply(java.nio.ByteBuffer reply) {
            throw new UnsupportedOperationException();
        }
    };
    private static final long SECOND = 1_000_000_000L;

    /** A logger of its own, so captured events come from this test only. */
    private static final class Source {
    }

    @Test
    void warnsOncePerIntervalAndCountsTheRest() {
        try (CapturedLog log = CapturedLog.of(Source.class)) {
            ThrottledWarning warning = new ThrottledWarning(LoggerFactory.getLogger(Source.class),
                    "bad thing", 10 * SECOND);
            for (int i = 0; i < 100; i++) {
                warning.record(i * SECOND / 100, SENDER, 7, new CodecException("reason " + i));
            }
            warning.record(10 * SECOND, SENDER, 7, new CodecException("later"));
            warning.record(10 * SECOND + 1, SENDER, 7, null);
            warning.flush();

            assertEquals(List.of(
                    "bad thing from 127.0.0.1:5555 (7 bytes): reason 0",
                    "bad thing from 127.0.0.1:5555 (7 bytes): later [99 more suppressed since the"
                            + " last warning, at most one line per 10 s]",
                    "bad thing: [1 more suppressed since the last warning, at most one line per"
                            + " 10 s]"),
                    log.messages(Level.WARN));
        }
    }

    @Test
    void firstStackTraceGoesToDebugOnly() {
        try (CapturedLog log = CapturedLog.of(Source.class, Level.DEBUG)) {
            ThrottledWarning warning = new ThrottledWarning(LoggerFactory.getLogger(Source.class),
                    "handler failed", SECOND);
            warning.record(0, SENDER, 1, new IllegalStateException("first"));
            warning.record(2 * SECOND, SENDER, 1, new IllegalStateException("second"));

            List<ILoggingEvent> events = log.events();
            assertEquals(3, events.size());
            assertEquals(Level.DEBUG, events.get(0).getLevel());
            assertNotNull(events.get(0).getThrowableProxy());
            assertEquals("first", events.get(0).getThrowableProxy().getMessage());
            assertNull(events.get(1).getThrowableProxy());
            assertNull(events.get(2).getThrowableProxy());
        }
    }

    @Test
    void flushWithNothingSuppressedLogsNothing() {
        try (CapturedLog log = CapturedLog.of(Source.class)) {
            ThrottledWarning warning = new ThrottledWarning(LoggerFactory.getLogger(Source.class),
                    "x", SECOND);
            warning.flush();
            warning.record(0, SENDER, 1, null);
            warning.flush();
            assertEquals(1, log.events().size());
        }
    }
}
