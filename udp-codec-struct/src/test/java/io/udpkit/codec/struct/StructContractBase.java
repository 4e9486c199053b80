package io.udpkit.codec.struct;

import io.udpkit.core.Codec;
import io.udpkit.testkit.CodecContract;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code struct} codec against the codec contract: a subclass names the format and its
 * records as boxed values (edge values); records compare by their values, {@code byte[]} by
 * content.
 */
abstract class StructContractBase extends CodecContract<StructReader> {

    private final String format;
    private final Struct struct;
    private final Codec<StructReader> codec;

    StructContractBase(String format) {
        this.format = format;
        this.struct = Struct.compile(format);
        this.codec = new StructCodecProvider().create(format);
    }

    @Override
    protected Codec<StructReader> codec() {
        return codec;
    }

    /** The samples, as boxed values; each becomes a record with {@link Struct#record}. */
    protected abstract List<List<Object>> records();

    @Override
    protected final List<StructReader> samples() {
        List<StructReader> samples = new ArrayList<>();
        for (List<Object> values : records()) {
            samples.add(struct.record(values.toArray()));
        }
        return samples;
    }

    /** Records compared value by value, {@code byte[]} by content. */
    @Override
    protected boolean sameValue(StructReader expected, StructReader actual) {
        return Arrays.deepEquals(expected.toList().toArray(), actual.toList().toArray());
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
