package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.testkit.CodecContract;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code struct} codec against the codec contract: a subclass names the format and its
 * samples (edge values); records compare element by element, {@code byte[]} by content.
 */
abstract class StructContractBase extends CodecContract<List<Object>> {

    private final String format;
    private final Codec<List<Object>> codec;

    StructContractBase(String format) {
        this.format = format;
        this.codec = new StructCodecProvider().create(format);
    }

    @Override
    protected Codec<List<Object>> codec() {
        return codec;
    }

    /** Lists of boxed values compared element by element, {@code byte[]} by content. */
    @Override
    protected boolean sameValue(List<Object> expected, List<Object> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.deepEquals(new Object[] {expected.get(i)}, new Object[] {actual.get(i)})) {
                return false;
            }
        }
        return true;
    }

    /** Any payload not exactly the record size is refused; a longer one shows it. */
    @Override
    protected List<byte[]> invalidPayloads() {
        return List.of(new byte[Struct.calcsize(format) + 1]);
    }


    static byte[] bytes(int length, int fill) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) fill);
        return b;
    }
}
