package io.udpkit.core;

import io.udpkit.core.spi.DatagramSocketIo;
import io.udpkit.core.spi.TransportProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;

/**
 * Chooses the I/O path for an {@link IoMode} and opens its sockets: the built-in NIO path, or a
 * {@link TransportProvider} found with {@link ServiceLoader} (the {@code batch} path of
 * {@code udp-transport-batch}).
 */
final class TransportSelection {

    private static final String BATCH = "batch";

    private final TransportProvider provider;
    private final String summary;

    private TransportSelection(TransportProvider provider, String summary) {
        this.provider = provider;
        this.summary = summary;
    }

    /**
     * Resolves the mode to a path.
     *
     * @throws IOException if {@link IoMode#BATCH} was asked for where it cannot run; the message
     *                     is one line saying why
     */
    static TransportSelection choose(IoMode mode) throws IOException {
        if (mode == IoMode.NIO) {
            return nio("io=nio");
        }
        TransportProvider batch = null;
        String reason;
        try {
            batch = find(BATCH);
            reason = batch == null
                    ? "the udp-transport-batch module is not on the class or module path"
                    : batch.unavailableReason();
        } catch (ServiceConfigurationError e) {
            reason = "the batch transport failed to load: " + e.getMessage();
        }
        if (reason == null) {
            return new TransportSelection(batch, BATCH + " (" + batch.description() + "; io="
                    + mode.name().toLowerCase(Locale.ROOT) + ")");
        }
        if (mode == IoMode.BATCH) {
            throw new IOException("io=batch is not available: " + reason);
        }
        return nio("io=auto: " + reason);
    }

    private static TransportSelection nio(String why) {
        return new TransportSelection(null, "nio (one DatagramChannel receive per datagram; "
                + why + ")");
    }

    private static TransportProvider find(String name) {
        Iterator<TransportProvider> providers = ServiceLoader.load(TransportProvider.class,
                TransportSelection.class.getClassLoader()).iterator();
        while (providers.hasNext()) {
            TransportProvider candidate = providers.next();
            if (name.equals(candidate.name())) {
                return candidate;
            }
        }
        return null;
    }

    /** The active path's name: {@code nio} or {@code batch}. */
    String name() {
        return provider == null ? "nio" : provider.name();
    }

    DatagramSocketIo open(TransportConfig config, InetSocketAddress bind, boolean reusePort)
            throws IOException {
        return provider == null
                ? NioDatagramSocket.open(config, bind, reusePort)
                : provider.open(config, bind, reusePort);
    }

    /** Logs the one INFO line naming the active path. */
    void log(Logger log) {
        log.info("I/O path: {}", summary);
    }
}
