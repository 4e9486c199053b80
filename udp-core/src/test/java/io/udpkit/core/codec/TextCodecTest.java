package io.udpkit.core.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.udpkit.core.CodecException;
import io.udpkit.core.Decoder;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextCodecTest {

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.flip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "data", "héllo wörld", "日本語", "emoji \uD83D\uDE00 ok"})
    void roundTripsText(String text) {
        ByteBuffer out = ByteBuffer.allocate(64);
        TextCodec.INSTANCE.encode(text, out);
        out.flip();
        assertEquals(ByteBuffer.wrap(text.getBytes(UTF_8)), out);
        assertEquals(text, TextCodec.INSTANCE.decode(out));
        assertEquals(text, TextCodec.INSTANCE.newDecoder().decode(out));
        assertEquals(0, out.position(), "decode leaves the position alone");
    }

    @Test
    void malformedInputIsRejectedNotReplaced() {
        // Truncated sequence, lone continuation, overlong '/', encoded surrogate, 0xFF.
        ByteBuffer[] bad = {bytes('a', 0xC3), bytes(0x80), bytes(0xC0, 0xAF),
            bytes(0xED, 0xA0, 0x80), bytes('o', 'k', 0xFF)};
        Decoder<String> decoder = TextCodec.INSTANCE.newDecoder();
        for (ByteBuffer payload : bad) {
            assertThrows(CodecException.class, () -> TextCodec.INSTANCE.decode(payload));
            assertThrows(CodecException.class, () -> decoder.decode(payload));
        }
        assertEquals("fine", decoder.decode(ByteBuffer.wrap("fine".getBytes(UTF_8))),
                "the decoder recovers after an error");
    }

    @Test
    void malformedInputMessageGivesTheOffset() {
        CodecException e = assertThrows(CodecException.class,
                () -> TextCodec.INSTANCE.decode(bytes('o', 'k', 0xFF, 'x')));
        assertEquals("text: malformed UTF-8 at byte 2 of 4", e.getMessage());
    }

    @Test
    void decoderGrowsForLargePayloads() {
        String big = "x".repeat(65_507);
        Decoder<String> decoder = TextCodec.INSTANCE.newDecoder();
        assertEquals("ab", decoder.decode(ByteBuffer.wrap("ab".getBytes(UTF_8))));
        assertEquals(big, decoder.decode(ByteBuffer.wrap(big.getBytes(UTF_8))));
    }

    @Test
    void encodeRejectsTextThatDoesNotFitAndLeavesTheBufferAlone() {
        ByteBuffer out = ByteBuffer.allocate(4);
        CodecException e = assertThrows(CodecException.class,
                () -> TextCodec.INSTANCE.encode("héllo", out));
        assertEquals("text: 6 bytes of UTF-8 do not fit in the 4 bytes remaining in the buffer",
                e.getMessage());
        assertEquals(0, out.position());
    }

    @Test
    void encodeRejectsTextLargerThanADatagram() {
        CodecException e = assertThrows(CodecException.class, () -> TextCodec.INSTANCE.encode(
                "é".repeat(40_000), ByteBuffer.allocate(100_000)));
        assertEquals("text: 80000 bytes of UTF-8 exceed the UDP maximum of 65507", e.getMessage());
    }

    @Test
    void encodeRejectsUnpairedSurrogate() {
        CodecException e = assertThrows(CodecException.class,
                () -> TextCodec.INSTANCE.encode("ab\uD800c", ByteBuffer.allocate(16)));
        assertEquals("text: unpaired surrogate U+D800 at index 2 cannot be encoded as UTF-8",
                e.getMessage());
    }

    @Test
    void providerRejectsASpec() {
        assertThrows(CodecException.class, () -> new TextCodecProvider().create("latin-1"));
        assertSame(TextCodec.INSTANCE, new TextCodecProvider().create(""));
    }

    @Test
    void samplePayloadIsANonEmptyMessageThisCodecDecodes() {
        ByteBuffer sample = TextCodec.INSTANCE.samplePayload().orElseThrow();

        assertEquals("warm-up", TextCodec.INSTANCE.decode(sample));
        assertEquals("warm-up", TextCodec.INSTANCE.newDecoder().decode(sample));
    }
}
