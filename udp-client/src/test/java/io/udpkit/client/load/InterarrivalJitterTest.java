package io.udpkit.client.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3550 section 6.4.1's estimator, step by step. */
class InterarrivalJitterTest {

    @Test
    void followsRfc3550WithGainOneSixteenth() {
        InterarrivalJitter jitter = new InterarrivalJitter();
        jitter.update(100);
        assertEquals(0.0, jitter.nanos(), "one packet has no difference yet");
        jitter.update(110);
        assertEquals(10.0 / 16, jitter.nanos());
        jitter.update(100);
        double j2 = 10.0 / 16 + (10 - 10.0 / 16) / 16;
        assertEquals(j2, jitter.nanos());
        jitter.update(130);
        assertEquals(j2 + (30 - j2) / 16, jitter.nanos());
        for (int i = 0; i < 500; i++) {
            jitter.update(i % 2 == 0 ? 1000 : 1200);
        }
        assertEquals(200.0, jitter.nanos(), 1e-6, "constant |D| converges to |D|");
    }
}
