package io.udpkit.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.CodecException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RawCodecTest {

    @Test
    void decodeReturnsReadOnlyCopyIndependentOfTheBuffer() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9});
        payload.position(1).limit(4);

        ByteBuffer copy = RawCodec.INSTANCE.decode(payload);
        payload.put(1, (byte) 7);

        assertTrue(copy.isReadOnly());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), copy);
        assertEquals(1, payload.position());
        assertEquals(4, payload.limit());
    }

    @Test
    void newDecoderReturnsThePayloadItselfWithoutCopying() {
        ByteBuffer payload = ByteBuffer.allocateDirect(8).asReadOnlyBuffer();
        assertSame(payload, RawCodec.INSTANCE.newDecoder().decode(payload));
    }

    @Test
    void encodeCopiesBytesAndLeavesTheSourceAlone() {
        ByteBuffer value = ByteBuffer.wrap(new byte[] {1, 2, 3});
        ByteBuffer out = ByteBuffer.allocate(8);
        out.put((byte) 0);

        RawCodec.INSTANCE.encode(value, out);

        assertEquals(4, out.position());
        assertEquals(0, value.position());
        assertEquals(3, out.get(3));
    }

    @Test
    void encodeRejectsValueThatDoesNotFit() {
        ByteBuffer out = ByteBuffer.allocate(2);
        CodecException e = assertThrows(CodecException.class,
                () -> RawCodec.INSTANCE.encode(ByteBuffer.allocate(3), out));
        assertEquals("raw: 3 bytes do not fit in the 2 bytes remaining in the buffer",
                e.getMessage());
        assertEquals(0, out.position());
    }

    @Test
    void encodeRejectsMoreThanOneDatagram() {
        CodecException e = assertThrows(CodecException.class, () -> RawCodec.INSTANCE.encode(
                ByteBuffer.allocate(65_508), ByteBuffer.allocate(70_000)));
        assertEquals("raw: 65508 bytes exceed the UDP maximum of 65507", e.getMessage());
    }

    @Test
    void providerRejectsASpec() {
        CodecException e = assertThrows(CodecException.class,
                () -> new RawCodecProvider().create("! I"));
        assertEquals("the raw codec takes no spec, got '! I'", e.getMessage());
        assertSame(RawCodec.INSTANCE, new RawCodecProvider().create(""));
    }

    @Test
    void samplePayloadIsANonEmptyMessageThisCodecDecodes() {
        ByteBuffer sample = RawCodec.INSTANCE.samplePayload().orElseThrow();

        assertEquals(sample, RawCodec.INSTANCE.decode(sample));
        assertSame(sample, RawCodec.INSTANCE.newDecoder().decode(sample));
    }
}
