package io.udpkit.examples;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.spi.CodecProvider;

/**
 * Makes the {@code reading} codec findable by name ({@code --codec reading} on the command line,
 * {@code codec("reading", "", Reading.class)} in code). Registered in
 * {@code META-INF/services/io.udpkit.core.spi.CodecProvider}.
 */
public final class ReadingCodecProvider implements CodecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ReadingCodecProvider() {
    }

    @Override
    public String name() {
        return "reading";
    }

    @Override
    public String description() {
        return "sensor readings as UTF-8 text, sensor=value (no spec)";
    }

    @Override
    public Class<Reading> valueType() {
        return Reading.class;
    }

    @Override
    public Codec<Reading> create(String spec) {
        if (!spec.isBlank()) {
            throw new CodecException("the reading codec takes no spec");
        }
        return ReadingCodec.INSTANCE;
    }
}
