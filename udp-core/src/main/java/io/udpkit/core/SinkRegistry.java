package io.udpkit.core;

import io.udpkit.core.spi.SinkProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sinks available to an application, by name; {@link CodecRegistry}'s twin for
 * {@link SinkProvider}s, with the same conventions.
 *
 * <p>Discovery is explicit: {@link #installed()} scans with {@link ServiceLoader}, once, when the
 * application asks. A provider that fails to load is logged and skipped; two providers with one
 * name is an error naming both classes; an unknown name lists the names available. Instances are
 * immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SinkRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRegistry.class);

    /** Where to find the sinks udpkit ships, for the message of an unknown name. */
    private static final Map<String, String> KNOWN_ARTIFACTS = Map.of(
            "stdout", "io.udpkit:udp-server",
            "udp-json", "io.udpkit:udp-server",
            "kafka", "io.udpkit:udp-sink-kafka");

    private final NamedProviders<SinkProvider> byName;

    private SinkRegistry(NamedProviders<SinkProvider> byName) {
        this.byName = byName;
    }

    /**
     * Finds every {@link SinkProvider} visible to the thread's context class loader (or this
     * class's loader when there is none).
     *
     * @return the providers found, by name
     * @throws SinkException if two providers claim one name
     */
    public static SinkRegistry installed() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : SinkRegistry.class.getClassLoader());
    }

    /**
     * Finds every {@link SinkProvider} visible to {@code loader}.
     *
     * @param loader the class loader to scan
     * @return the providers found, by name
     * @throws SinkException if two providers claim one name
     */
    public static SinkRegistry load(ClassLoader loader) {
        return of(discover(ServiceLoader.load(SinkProvider.class, loader).iterator()));
    }

    /**
     * Builds a registry from providers the caller already has, without scanning.
     *
     * @param providers the providers, in any order
     * @return a registry of exactly those providers
     * @throws SinkException if two providers claim one name
     */
    public static SinkRegistry of(Iterable<? extends SinkProvider> providers) {
        return new SinkRegistry(NamedProviders.of(providers, SinkProvider::name, "sink",
                KNOWN_ARTIFACTS, SinkException::new));
    }

    /** Drains a service iterator, skipping (and reporting) providers that fail to load. */
    static List<SinkProvider> discover(Iterator<SinkProvider> services) {
        return NamedProviders.discover(services, "sink", LOG);
    }

    /**
     * The providers, sorted by name.
     *
     * @return an unmodifiable list
     */
    public List<SinkProvider> providers() {
        return byName.providers();
    }

    /**
     * Looks up a provider by name.
     *
     * @param name the sink's name, as in {@code --sink NAME}
     * @return the provider, or empty if none has that name
     */
    public Optional<SinkProvider> find(String name) {
        return byName.find(name);
    }

    /**
     * Returns the provider with the given name.
     *
     * @param name the sink's name
     * @return the provider
     * @throws SinkException if no provider has that name; the message lists the names available
     *                       and, for udpkit's own sinks, the artifact that adds the missing one
     */
    public SinkProvider provider(String name) {
        return byName.provider(name);
    }

    /**
     * Creates an unopened sink by provider name and spec.
     *
     * @param name the sink's name
     * @param spec the sink's spec, possibly empty or {@code null}
     * @return a new sink; run it with {@link SinkQueue#start}
     * @throws SinkException if the name is unknown or the spec invalid
     */
    public Sink<?> create(String name, String spec) {
        return create(name, spec, SinkContext.none());
    }

    /**
     * Creates an unopened sink by provider name and spec, telling it about the values.
     *
     * @param name    the sink's name
     * @param spec    the sink's spec, possibly empty or {@code null}
     * @param context what the application says about the values (the codec)
     * @return a new sink; run it with {@link SinkQueue#start}
     * @throws SinkException if the name is unknown or the spec invalid
     */
    public Sink<?> create(String name, String spec, SinkContext context) {
        return provider(name).create(spec == null ? "" : spec, context);
    }
}
