package io.udpkit.examples;

import io.udpkit.core.Codec;
import io.udpkit.testkit.CodecContract;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The custom codec against udp-testkit's contract suite, as a third-party codec author runs it. */
class ReadingCodecContractTest extends CodecContract<Reading> {

    @Override
    protected Codec<Reading> codec() {
        return ReadingCodec.INSTANCE;
    }

    @Override
    protected List<Reading> samples() {
        return List.of(new Reading("t1", 21.5), new Reading("\u00e9tage-3", -0.0),
                new Reading("x", 1e300), new Reading("nan", Double.NaN));
    }

    @Override
    protected List<byte[]> invalidPayloads() {
        return List.of("t1".getBytes(StandardCharsets.UTF_8), "=1".getBytes(StandardCharsets.UTF_8),
                "a=b".getBytes(StandardCharsets.UTF_8), new byte[] {'a', '=', (byte) 0xFF});
    }

    /** "t1=2" is a prefix of "t1=21.5" and a valid reading too. */
    @Override
    protected boolean prefixesAreInvalid(Reading sample) {
        return false;
    }
}
