package io.udpkit.testkit;

import io.udpkit.core.Codec;
import io.udpkit.core.codec.TextCodec;
import java.util.List;

/** {@link TextCodec} against the codec contract: strict UTF-8 text, empty text included. */
class TextCodecContractTest extends CodecContract<String> {

    @Override
    protected Codec<String> codec() {
        return TextCodec.INSTANCE;
    }

    @Override
    protected List<String> samples() {
        return List.of("a", "hello, udp\n", "\u00e9\u4e2d\ud83d\ude00", "\u0000 nul inside",
                "x".repeat(3000), "\ud83d\ude00".repeat(100));
    }

    @Override
    protected List<byte[]> invalidPayloads() {
        return List.of(new byte[] {(byte) 0xFF}, new byte[] {'a', (byte) 0xC3},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
    }

    /** An empty datagram is the empty string. */
    @Override
    protected boolean emptyPayloadIsValid() {
        return true;
    }

    /** ASCII prefixes are text too; a split multi-byte character is still refused, as the fuzz checks. */
    @Override
    protected boolean prefixesAreInvalid(String sample) {
        return false;
    }
}
