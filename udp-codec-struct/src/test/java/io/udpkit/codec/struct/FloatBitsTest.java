package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Widening binary32 to double keeps what CPython keeps: a NaN comes out quiet with its sign and
 * payload, whichever path ({@link FloatBits#wideningKeepsNanBits()}) this JVM takes.
 */
class FloatBitsTest {

    @Test
    void fromFloatQuietsNansKeepingSignAndPayload() {
        for (int sign = 0; sign <= 1; sign++) {
            for (int payload = 1; payload <= 0x7f_ffff; payload += 127) {
                int bits = sign << 31 | 0x7f80_0000 | payload;
                long expected = (long) sign << 63 | 0x7ff8_0000_0000_0000L | (long) payload << 29;
                assertEquals(Long.toHexString(expected),
                        Long.toHexString(Double.doubleToRawLongBits(FloatBits.fromFloat(bits))),
                        "NaN bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void fromFloatWidensOrdinaryValuesExactly() {
        for (float value : new float[] {0f, -0f, 1.5f, -2.5e-38f, Float.MIN_VALUE, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertEquals(Double.doubleToRawLongBits(value),
                    Double.doubleToRawLongBits(FloatBits.fromFloat(Float.floatToRawIntBits(value))));
        }
    }
}
