package io.udpkit.core;

import java.util.Objects;

/**
 * What the application tells a sink about the values it will receive, when the sink is created
 * ({@link io.udpkit.core.spi.SinkProvider#create(String, SinkContext)}): today the codec that
 * decodes them, which a sink may record beside each value (the {@code kafka} sink's
 * {@code codec} header). Immutable.
 *
 * @since 0.1.0
 */
public final class SinkContext {

    private static final SinkContext NONE = new SinkContext("");

    private final String codec;

    private SinkContext(String codec) {
        this.codec = codec;
    }

    /**
     * A context naming the codec.
     *
     * @param codec the codec's name and spec as the user gave them, e.g.
     *              {@code struct '! I 2s Q 2h f'}
     * @return the context
     */
    public static SinkContext of(String codec) {
        return new SinkContext(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * A context that says nothing.
     *
     * @return the empty context
     */
    public static SinkContext none() {
        return NONE;
    }

    /**
     * The codec that decodes the values, as the user gave it.
     *
     * @return the codec's label, empty when unknown
     */
    public String codec() {
        return codec;
    }
}
