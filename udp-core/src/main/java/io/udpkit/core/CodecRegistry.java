package io.udpkit.core;

import io.udpkit.core.spi.CodecProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codecs available to an application, by name.
 *
 * <p>Discovery is explicit: {@link #installed()} scans with {@link ServiceLoader}, once, when the
 * application asks. A provider that fails to load is logged and skipped; two providers with one
 * name is an error naming both classes, because choosing one silently would depend on class-path
 * order. Instances are immutable and thread-safe.
 */
public final class CodecRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CodecRegistry.class);

    /** Where to find the codecs udpkit ships, for the message of an unknown name. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "struct", "io.udpkit:udp-codec-struct",
            "json", "io.udpkit:udp-codec-json",
            "raw", "io.udpkit:udp-core",
            "text", "io.udpkit:udp-core");

    private final NamedProviders<CodecProvider> byName;

    private CodecRegistry(NamedProviders<CodecProvider> byName) {
        this.byName = byName;
    }

    /**
     * Finds every {@link CodecProvider} visible to the module layer of this class, or to the
     * thread's context class loader on the class path.
     *
     * @return the providers found, by name
     * @throws CodecException if two providers claim one name
     */
    public static CodecRegistry installed() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : CodecRegistry.class.getClassLoader());
    }

    /**
     * Finds every {@link CodecProvider} visible to {@code loader}.
     *
     * @param loader the class loader to scan
     * @return the providers found, by name
     * @throws CodecException if two providers claim one name
     */
    public static CodecRegistry load(ClassLoader loader) {
        return of(discover(ServiceLoader.load(CodecProvider.class, loader).iterator()));
    }

    /**
     * Builds a registry from providers the caller already has, without scanning.
     *
     * @param providers the providers, in any order
     * @return a registry of exactly those providers
     * @throws CodecException if two providers claim one name
     */
    public static CodecRegistry of(Iterable<? extends CodecProvider> providers) {
        return new CodecRegistry(NamedProviders.of(providers, CodecProvider::name, "codec",
                KNOWN_ARTIFACTS, CodecException::new));
    }

    /** Drains a service iterator, skipping (and reporting) providers that fail to load. */
    static List<CodecProvider> discover(Iterator<CodecProvider> services) {
        return NamedProviders.discover(services, "codec", LOG);
    }

    /**
     * The providers, sorted by name.
     *
     * @return an unmodifiable list
     */
    public List<CodecProvider> providers() {
        return byName.providers();
    }

    /**
     * Looks up a provider by name.
     *
     * @param name the codec's name, as in {@code --codec NAME}
     * @return the provider, or empty if none has that name
     */
    public Optional<CodecProvider> find(String name) {
        return byName.find(name);
    }

    /**
     * Returns the provider with the given name.
     *
     * @param name the codec's name
     * @return the provider
     * @throws CodecException if no provider has that name; the message lists the names available
     *                        and, for udpkit's own codecs, the artifact that adds the missing one
     */
    public CodecProvider provider(String name) {
        return byName.provider(name);
    }

    /**
     * Creates a codec by provider name and spec.
     *
     * @param name the codec's name
     * @param spec the codec's spec, possibly empty
     * @return a new codec
     * @throws CodecException if the name is unknown or the spec invalid
     */
    public Codec<?> create(String name, String spec) {
        return provider(name).create(spec == null ? "" : spec);
    }

    /**
     * Creates a codec by provider name and spec, checking that its values are of the type the
     * caller handles: {@code create("struct", "<I", StructReader.class)} gives a
     * {@code Codec<StructReader>}, and a handler that needs no cast.
     *
     * @param <T>       the value type the caller handles
     * @param name      the codec's name
     * @param spec      the codec's spec, possibly empty
     * @param valueType the value type the caller handles; the provider's
     *                  {@link CodecProvider#valueType()} must be it or a subtype
     * @return a new codec of {@code T}
     * @throws CodecException if the name is unknown, the spec invalid, or the codec makes values
     *                        of another type (one line naming both types)
     */
    public <T> Codec<T> create(String name, String spec, Class<T> valueType) {
        CodecProvider provider = provider(name);
        Class<?> made = provider.valueType();
        if (!valueType.isAssignableFrom(made)) {
            throw new CodecException("codec '" + name + "' makes " + made.getName()
                    + " values, not " + valueType.getName());
        }
        @SuppressWarnings("unchecked") // checked against the provider's declared value type
        Codec<T> codec = (Codec<T>) provider.create(spec == null ? "" : spec);
        return codec;
    }
}
