package io.udpkit.core.spi;

import io.udpkit.core.Sink;
import io.udpkit.core.SinkContext;

/**
 * A named factory of {@link Sink}s (where decoded values go: stdout, a UDP peer, Kafka), found
 * with {@link java.util.ServiceLoader} like a {@link CodecProvider}.
 *
 * <p>A provider registers itself twice: a line in
 * {@code META-INF/services/io.udpkit.core.spi.SinkProvider} naming its class (class path), and
 * {@code provides io.udpkit.core.spi.SinkProvider with ...} in its {@code module-info.java}
 * (module path). It needs a public no-argument constructor. {@link io.udpkit.core.SinkRegistry}
 * calls it; applications normally do not.
 *
 * <p>New methods arrive as {@code default} methods.
 *
 * @since 0.1.0
 */
public interface SinkProvider {

    /**
     * The name users choose this sink by, as in {@code --sink kafka}. Lower-case letters, digits
     * and {@code -}; unique among the providers on a class path or module path.
     *
     * @return the sink's name
     */
    String name();

    /**
     * One line that says where the sink sends values and what its spec means, shown by
     * {@code udp-server sinks}.
     *
     * @return a short human-readable description
     */
    String description();

    /**
     * Creates a sink from a spec string, whose meaning is the provider's (for Kafka,
     * {@code bootstrap=HOST:PORT,topic=NAME,...}). Called once per configured sink, not per value.
     * The sink is not opened yet: it must not connect or start threads here.
     *
     * @param spec the sink's configuration, possibly empty, never {@code null}
     * @return a new, unopened sink
     * @throws io.udpkit.core.SinkException if the spec is invalid; the message names what is wrong
     */
    Sink<?> create(String spec);

    /**
     * Creates a sink, also told about the values it will receive (the codec). The default ignores
     * the context and calls {@link #create(String)}; a sink that records the codec overrides it.
     *
     * @param spec    the sink's configuration, possibly empty, never {@code null}
     * @param context what the application says about the values
     * @return a new, unopened sink
     * @throws io.udpkit.core.SinkException if the spec is invalid
     * @since 0.1.0
     */
    default Sink<?> create(String spec, SinkContext context) {
        return create(spec);
    }
}
