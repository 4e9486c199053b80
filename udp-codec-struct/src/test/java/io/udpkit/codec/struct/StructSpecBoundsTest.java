package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import org.junit.jupiter.api.Test;

/**
 * Bounded codec specs (issue 7): the provider refuses records that cannot fit one datagram and
 * over-long spec strings, while {@link Struct#compile} keeps CPython's semantics without
 * allocating for the declared size.
 */
class StructSpecBoundsTest {

    private final StructCodecProvider provider = new StructCodecProvider();

    @Test
    void providerRefusesTwoGigabytePadding() {
        CodecException e = assertThrows(CodecException.class, () -> provider.create("2000000000x"));
        assertEquals("struct '2000000000x' is 2000000000 bytes, larger than the largest UDP payload"
                + " (65507 bytes)", e.getMessage());
    }

    @Test
    void providerAcceptsExactlyTheLargestUdpPayload() {
        assertEquals(DatagramLimits.MAX_UDP_PAYLOAD, Struct.calcsize("65507s"));
        provider.create("65507s");
        provider.create("! 65505x H");
    }

    @Test
    void providerRefusesOneByteOverTheLargestUdpPayload() {
        CodecException e = assertThrows(CodecException.class, () -> provider.create("! 65506x H"));
        assertEquals("struct '! 65506x H' is 65508 bytes, larger than the largest UDP payload"
                + " (65507 bytes)", e.getMessage());
    }

    @Test
    void providerRefusesOverlongSpecBeforeParsing() {
        String longest = " ".repeat(StructCodecProvider.MAX_SPEC_LENGTH - 1) + "B";
        assertEquals(1, provider.create(longest).newDecoder().decode(
                java.nio.ByteBuffer.wrap(new byte[] {(byte) 200})).size());
        // One char more is refused by length alone: the text is not even a valid format.
        String tooLong = "?".repeat(StructCodecProvider.MAX_SPEC_LENGTH) + "z";
        CodecException e = assertThrows(CodecException.class, () -> provider.create(tooLong));
        assertEquals("struct format is 4097 chars, longer than the 4096 allowed", e.getMessage());
        assertFalse(e.getMessage().contains("?"), "message must not echo the huge spec");
    }

    @Test
    void compileOfTwoGigabytePaddingAllocatesNothingLarge() throws Exception {
        ThreadAllocation allocation = ThreadAllocation.ofCurrentThread();
        long before = allocation.bytes();
        Struct s = Struct.compile("2000000000x");
        long allocated = allocation.bytes() - before;
        assertEquals(2_000_000_000, s.size());
        assertTrue(allocated < 1_000_000, "compile allocated " + allocated + " bytes");
    }

    @Test
    void compileOfOverflowingCountGivesCleanStructException() {
        StructException e = assertThrows(StructException.class, () -> Struct.compile("99999999999x"));
        assertEquals("total struct size too long", e.getMessage());
        assertThrows(StructException.class, () -> Struct.compile("2000000000x 2000000000x"));
        assertThrows(StructException.class, () -> Struct.compile("99999999999999999999999x"));
    }

}
