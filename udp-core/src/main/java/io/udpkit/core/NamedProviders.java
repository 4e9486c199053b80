package io.udpkit.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The providers of one SPI, by their unique names: what {@link CodecRegistry} and
 * {@link SinkRegistry} share. Discovery drains a {@link java.util.ServiceLoader} iterator and
 * skips, with one WARN line, a provider that fails to load; two providers with one name are an
 * error naming both classes; an unknown name is an error listing the names available and, for
 * udpkit's own providers, the artifact that adds the missing one. Immutable and thread-safe.
 *
 * @param <P> the provider interface
 */
final class NamedProviders<P> {

    private final String kind;
    private final Map<String, String> knownArtifacts;
    private final Function<String, RuntimeException> failure;
    private final Map<String, P> byName;

    private NamedProviders(String kind, Map<String, String> knownArtifacts,
            Function<String, RuntimeException> failure, Map<String, P> byName) {
        this.kind = kind;
        this.knownArtifacts = knownArtifacts;
        this.failure = failure;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Indexes {@code providers} by name.
     *
     * @param kind           what the providers make, for messages: {@code "codec"}, {@code "sink"}
     * @param knownArtifacts udpkit's own provider names and the artifacts that bring them
     * @param failure        makes the SPI's exception from a one-line message
     * @param name           a provider's name
     * @throws RuntimeException from {@code failure} if two providers claim one name
     */
    static <P> NamedProviders<P> of(Iterable<? extends P> providers, Function<P, String> name,
            String kind, Map<String, String> knownArtifacts,
            Function<String, RuntimeException> failure) {
        Map<String, P> byName = new TreeMap<>();
        for (P provider : providers) {
            P previous = byName.putIfAbsent(name.apply(provider), provider);
            if (previous != null) {
                throw failure.apply("two " + kind + " providers are named '" + name.apply(provider)
                        + "': " + previous.getClass().getName() + " and "
                        + provider.getClass().getName());
            }
        }
        return new NamedProviders<>(kind, knownArtifacts, failure, byName);
    }

    /** Drains a service iterator, skipping (and reporting) providers that fail to load. */
    static <P> List<P> discover(Iterator<P> services, String kind, Logger log) {
        List<P> found = new ArrayList<>();
        while (true) {
            try {
                if (!services.hasNext()) {
                    return found;
                }
                found.add(services.next());
            } catch (ServiceConfigurationError e) {
                log.warn("skipping a {} provider that failed to load: {}", kind, e.getMessage());
            }
        }
    }

    /** The providers, sorted by name, unmodifiable. */
    List<P> providers() {
        return List.copyOf(byName.values());
    }

    Optional<P> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The provider named {@code name}, or the SPI's exception listing the names available. */
    P provider(String name) {
        P provider = byName.get(name);
        if (provider == null) {
            String hint = knownArtifacts.containsKey(name)
                    ? " (add " + knownArtifacts.get(name) + " to the class path)"
                    : "";
            throw failure.apply("unknown " + kind + " '" + name + "'" + hint + "; available: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return provider;
    }
}
