package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerOptionsTest {

    @Test
    void parsesModeLimitBufferAndVariant() {
        PeerOptions options = PeerOptions.parse(new String[] {"echo", "30", "4096", "recvmmsg"});

        assertTrue(options.echo());
        assertEquals(30, options.maxSeconds());
        assertEquals(4096, options.rcvbufBytes());
        assertEquals("recvmmsg", options.variant());
    }

    @Test
    void rejectsAnUnknownModeAndAnUnboundedTimeLimit() {
        assertThrows(IllegalArgumentException.class, () -> PeerOptions.parse(new String[] {"blast", "30", "0"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerOptions.parse(new String[] {"sink", "0", "0"}));
        assertTrue(e.getMessage().contains("MAX_SECONDS"), e.getMessage());
    }
}
