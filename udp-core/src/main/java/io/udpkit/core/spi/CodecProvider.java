package io.udpkit.core.spi;

import io.udpkit.core.Codec;

/**
 * A named factory of {@link Codec}s, found with {@link java.util.ServiceLoader}.
 *
 * <p>A provider registers itself twice: a line in
 * {@code META-INF/services/io.udpkit.core.spi.CodecProvider} naming its class (class path), and
 * {@code provides io.udpkit.core.spi.CodecProvider with ...} in its {@code module-info.java}
 * (module path). It needs a public no-argument constructor. {@link io.udpkit.core.CodecRegistry}
 * calls it; applications normally do not.
 *
 * <p>New methods arrive as {@code default} methods.
 */
public interface CodecProvider {

    /**
     * The name users choose this codec by, as in {@code --codec struct}. Lower-case letters,
     * digits and {@code -}; unique among the providers on a class path or module path.
     *
     * @return the codec's name
     */
    String name();

    /**
     * One line that says what the codec does and what its spec means, shown by the CLIs'
     * {@code codecs} command.
     *
     * @return a short human-readable description
     */
    String description();

    /**
     * Creates a codec from a spec string, whose meaning is the provider's: a format string for
     * {@code struct}, ignored by codecs that need none. Called once per configured codec, not per
     * datagram.
     *
     * @param spec the codec's configuration, possibly empty, never {@code null}
     * @return a new codec
     * @throws io.udpkit.core.CodecException if the spec is invalid; the message names what is wrong
     */
    Codec<?> create(String spec);
}
