package io.udpkit.codec.json;

import io.udpkit.core.Codec;
import io.udpkit.testkit.CodecContract;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link JsonCodec#of(Class)} on a record with a nested record and a list, against the codec contract. */
class JsonRecordCodecContractTest extends CodecContract<Reading> {

    private static final JsonCodec<Reading> CODEC = JsonCodec.of(Reading.class);

    @Override
    protected Codec<Reading> codec() {
        return CODEC;
    }

    @Override
    protected List<Reading> samples() {
        return List.of(
                new Reading(1, new Reading.Sensor("s-1", 0), List.of(), false),
                new Reading(Long.MAX_VALUE, new Reading.Sensor("\u00fcber \ud83d\ude00", Integer.MIN_VALUE),
                        List.of(new Reading.Sample(0, 0.5), new Reading.Sample(-1, -1.0e300)), true),
                new Reading(-7, new Reading.Sensor("", 65535),
                        List.of(new Reading.Sample(1_700_000_000_000L, Double.MIN_VALUE)), true));
    }

    @Override
    protected List<byte[]> invalidPayloads() {
        return List.of(
                "null".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8),
                "{\"sequence\":\"one\"}".getBytes(StandardCharsets.UTF_8),
                "{\"sequence\":1,\"unknown\":2}".getBytes(StandardCharsets.UTF_8),
                "{\"sequence\":1,\"sequence\":2}".getBytes(StandardCharsets.UTF_8),
                "{\"sequence\":1}{}".getBytes(StandardCharsets.UTF_8));
    }
}
