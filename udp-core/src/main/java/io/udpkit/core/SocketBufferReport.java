package io.udpkit.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.slf4j.Logger;

/**
 * Logs a freshly bound socket's address and its actual buffer sizes next to the kernel maxima, and
 * warns when the kernel granted less than was asked.
 */
final class SocketBufferReport {

    static final Path RMEM_MAX = Paths.get("/proc/sys/net/core/rmem_max");
    static final Path WMEM_MAX = Paths.get("/proc/sys/net/core/wmem_max");

    private SocketBufferReport() {
    }

    static void log(Logger log, int receiveBuffer, int sendBuffer, InetSocketAddress bound,
            TransportConfig config) {
        long rmemMax = readLong(RMEM_MAX);
        long wmemMax = readLong(WMEM_MAX);
        log.info("bound UDP {}; SO_RCVBUF {} bytes (requested: {}; net.core.rmem_max {}), SO_SNDBUF"
                        + " {} bytes (requested: {}; net.core.wmem_max {})",
                SocketAddresses.format(bound),
                receiveBuffer, requested(config.receiveBufferSize()), known(rmemMax),
                sendBuffer, requested(config.sendBufferSize()), known(wmemMax));
        warnIfCapped(log, "SO_RCVBUF", "net.core.rmem_max", config.receiveBufferSize(),
                receiveBuffer, rmemMax);
        warnIfCapped(log, "SO_SNDBUF", "net.core.wmem_max", config.sendBufferSize(),
                sendBuffer, wmemMax);
    }

    /**
     * True when the kernel granted less than {@code requested} bytes.
     *
     * <p>Linux clamps a SO_RCVBUF/SO_SNDBUF request to net.core.rmem_max/wmem_max, then normally
     * stores and reports twice the clamped value (the extra half pays for its bookkeeping), so
     * an uncapped request reads back as 2 x requested and a capped one as 2 x max: comparing the
     * reading with the request would miss every cap between max and 2 x max. Some kernels and
     * sandboxes (gVisor, for one) report the value as set instead. The clamp is the same either
     * way, so when the maximum is known the request is compared with it, not with the reading;
     * only when it is unknown does the reading decide (and then only a reading below the request
     * proves a cap).
     *
     * @param requested the size asked for, 0 for none
     * @param reported  what getsockopt reports after setting it
     * @param max       the kernel maximum, or -1 if unknown
     */
    static boolean capped(int requested, int reported, long max) {
        if (requested <= 0) {
            return false;
        }
        return max >= 0 ? requested > max : reported < requested;
    }

    private static void warnIfCapped(Logger log, String option, String sysctl, int requested,
            int reported, long max) {
        if (capped(requested, reported, max)) {
            log.warn("{} capped by the kernel: requested {} bytes but {} is {} (the socket reports"
                            + " {}); raise {} to allow more",
                    option, requested, sysctl, known(max), reported, sysctl);
        }
    }

    /**
     * Reads a number from a one-line /proc file, or -1 if there is none. Reads through a buffered
     * reader on purpose: sysctl files answer a read at a non-zero offset with end-of-file, so
     * {@link Files#readAllBytes}, which reads one byte and then the rest, sees only the first
     * digit.
     */
    static long readLong(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line = reader.readLine();
            return line == null ? -1 : Long.parseLong(line.trim());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
    }

    private static String requested(int bytes) {
        return bytes > 0 ? Integer.toString(bytes) : "kernel default";
    }

    private static String known(long value) {
        return value >= 0 ? Long.toString(value) : "unknown";
    }
}
