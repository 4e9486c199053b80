package io.udpkit.codec.struct;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.Decoder;
import io.udpkit.core.spi.CodecProvider;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The {@code struct} codec and its provider, as udpkit's transport uses them. */
class StructCodecTest {

    private static final String FORMAT = "! I 2s Q 2h f";

    private static Codec<StructReader> codec() {
        return new StructCodecProvider().create(FORMAT);
    }

    private static byte[] sample() {
        return Struct.pack(FORMAT, 1, "ab".getBytes(US_ASCII), 2, 3, 3, 2.5);
    }

    @Test
    void providerIsFoundByServiceLoaderAndRegistry() {
        boolean found = false;
        for (CodecProvider p : ServiceLoader.load(CodecProvider.class)) {
            found |= p instanceof StructCodecProvider;
        }
        assertTrue(found, "META-INF/services does not register StructCodecProvider");
        CodecProvider provider = CodecRegistry.installed().provider("struct");
        assertEquals("struct", provider.name());
        assertTrue(!provider.description().isBlank() && !provider.description().contains("\n"));
        assertTrue(CodecRegistry.installed().create("struct", "<H") instanceof StructCodec);
    }

    @Test
    void createRejectsBadSpecWithCodecException() {
        CodecException e = assertThrows(CodecException.class,
                () -> new StructCodecProvider().create("<hy"));
        assertEquals("bad struct format '<hy': bad char in struct format: 'y' at index 2",
                e.getMessage());
        assertTrue(e.getCause() instanceof StructException);
        assertThrows(CodecException.class, () -> new StructCodecProvider().create(null));
    }

    @Test
    void decodeNeedsExactlyTheStructSize() {
        CodecException e = assertThrows(CodecException.class,
                () -> codec().decode(ByteBuffer.allocate(4)));
        assertEquals("struct '! I 2s Q 2h f' needs 22 bytes, got 4", e.getMessage());
        assertThrows(CodecException.class, () -> codec().decode(ByteBuffer.allocate(23)));
        assertThrows(CodecException.class,
                () -> codec().newDecoder().decode(ByteBuffer.allocate(21)));
    }

    @Test
    void decodeReturnsADetachedRecordAndLeavesThePayloadAlone() {
        byte[] bytes = new byte[30];
        System.arraycopy(sample(), 0, bytes, 5, 22);
        ByteBuffer payload = ByteBuffer.wrap(bytes, 5, 22);
        StructReader record = codec().decode(payload);
        assertEquals(5, payload.position());
        assertEquals(27, payload.limit());
        bytes[8] = 99;
        assertEquals(1L, record.get(0));
        assertArrayEquals("ab".getBytes(US_ASCII), (byte[]) record.get(1));
        assertEquals(List.of(2L, 3L, 3L, 2.5), record.toList().subList(2, 6));
    }

    @Test
    void newDecoderReusesOneReaderOverThePayloadWithoutCopying() {
        Decoder<StructReader> decoder = codec().newDecoder();
        ByteBuffer first = ByteBuffer.wrap(sample());
        StructReader a = decoder.decode(first);
        first.put(3, (byte) 7);
        assertEquals(7L, a.getLong(0), "reader views the payload, no copy");
        byte[] other = Struct.pack(FORMAT, 9, new byte[2], 0, 0, 0, 0.0);
        ByteBuffer second = ByteBuffer.wrap(new byte[24]);
        second.put(2, other);
        second.position(2);
        StructReader b = decoder.decode(second);
        assertSame(a, b);
        assertEquals(9L, b.get(0));
        assertEquals(2, second.position());
        assertNotSame(codec().newDecoder(), decoder);
    }

    @Test
    void encodeWritesAtPositionAndAdvancesIt() {
        ByteBuffer out = ByteBuffer.allocate(30);
        out.position(3);
        Codec<StructReader> codec = codec();
        codec.encode(codec.decode(ByteBuffer.wrap(sample())), out);
        assertEquals(25, out.position());
        byte[] written = new byte[22];
        out.get(3, written);
        assertArrayEquals(sample(), written);
    }

    @Test
    void encodeFailsWithCodecExceptionAndWritesNothing() {
        Codec<StructReader> codec = codec();
        ByteBuffer small = ByteBuffer.allocate(21);
        StructReader record = Struct.compile(FORMAT).record(1L, new byte[2], 2L, 3L, 3L, 2.5);
        CodecException e = assertThrows(CodecException.class, () -> codec.encode(record, small));
        assertEquals("struct '! I 2s Q 2h f' needs 22 bytes of room, buffer has 21",
                e.getMessage());
        ByteBuffer out = ByteBuffer.allocate(22);
        e = assertThrows(CodecException.class,
                () -> codec.encode(Struct.compile("<I").record(1), out));
        assertEquals("struct '! I 2s Q 2h f' cannot encode a record of struct '<I'", e.getMessage());
        e = assertThrows(CodecException.class, () -> codec.encode(null, out));
        assertEquals("struct '! I 2s Q 2h f' cannot encode null", e.getMessage());
        assertEquals(0, out.position());
        assertArrayEquals(new byte[22], out.array());
    }

    @Test
    void samplePayloadIsARecordOfTheFormatThatBothDecodePathsAccept() {
        for (String format : List.of(FORMAT, "< 16d 16q 8s ?", "! 64s 64p", "@ b x H c e 3x q", "> 0s")) {
            Codec<StructReader> codec = new StructCodecProvider().create(format);
            ByteBuffer sample = codec.samplePayload().orElseThrow();

            assertEquals(Struct.compile(format).size(), sample.remaining(), format);
            ByteBuffer again = ByteBuffer.allocate(sample.remaining());
            codec.encode(codec.newDecoder().decode(sample), again);
            assertEquals(sample, again.flip(), format + ": the decoded sample encodes back to itself");
            assertEquals(codec.decode(sample).toList().size(),
                    Struct.unpack(format, new byte[sample.remaining()]).size());
            assertNotSame(sample, codec.samplePayload().orElseThrow(), "a new buffer each call");
        }
    }
}
