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
 * <p>New methods arrive as {@code default} methods, so a provider built against an older
 * udpkit keeps linking.
 *
 * <p><b>Why no version handshake</b> (SLF4J's {@code getRequestedApiVersion}, Jackson's
 * {@code Module.version()}): SLF4J needs one because its API and its providers ship separately
 * and broke binary compatibility between 1.7 and 2.0. This SPI is three methods plus defaults;
 * an older provider links against a newer udpkit by construction, and a provider that calls API
 * newer than the udpkit it runs on fails on first use with a linkage error naming the missing
 * method, which a version number would only restate. udpkit's own codecs are versioned together
 * through the BOM. When a change to this interface cannot be a default method, it will come with
 * a {@code default int spiVersion()} that the registry checks, skipping (and reporting) a
 * provider that asks for more than it offers.
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

    /**
     * The type of the values this provider's codecs decode and encode: what a handler receives.
     * {@link io.udpkit.core.CodecRegistry#create(String, String, Class)} checks it against the
     * type the caller expects. Providers should override it; the default, {@code Object.class},
     * says nothing, so only a look-up for {@code Object.class} accepts such a provider.
     *
     * @return the value type of every codec {@link #create} returns
     * @since 0.1.0
     */
    default Class<?> valueType() {
        return Object.class;
    }
}
