package io.udpkit.client.load;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's drop count for the load generator's own socket: the {@code drops} column of the
 * line in {@code /proc/net/udp} (or {@code udp6}) whose local address is the socket's bound
 * address and port. The generator binds without SO_REUSEADDR, so no other socket holds that
 * address. Linux counts there the replies it discarded because this socket's receive buffer was
 * full: loss that happened here, not in the network or the server.
 *
 * <p>Stands in until udp-core's {@code TransportStats.socketDrops()} (the same column, found by
 * the socket's inode) is available to the generator; {@link LoadGenerator} reads drops only
 * through {@link #read()}, so replacing this class touches one call.
 */
final class ClientSocketDrops {

    /* Columns of a /proc/net/udp line split on blanks: sl local rem st tx:rx tr:tm retrnsmt uid
     * timeout inode ref pointer drops. */
    private static final int LOCAL_ADDRESS = 1;
    private static final int DROPS = 12;

    private final Path table;
    private final String localAddress;

    private ClientSocketDrops(Path table, String localAddress) {
        this.table = table;
        this.localAddress = localAddress;
    }

    /** The counter of the socket bound to {@code bound}. */
    static ClientSocketDrops of(InetSocketAddress bound) {
        boolean v4 = bound.getAddress() instanceof Inet4Address;
        return new ClientSocketDrops(Paths.get(v4 ? "/proc/net/udp" : "/proc/net/udp6"),
                procAddress(bound));
    }

    /** For tests: the same search in another file. */
    static ClientSocketDrops of(Path table, InetSocketAddress bound) {
        return new ClientSocketDrops(table, procAddress(bound));
    }

    /**
     * The socket's drops now.
     *
     * @return the count, or -1 when it cannot be known (no {@code /proc}, no such line)
     */
    long read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        for (String line : lines) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length > DROPS && columns[LOCAL_ADDRESS].equals(localAddress)) {
                try {
                    return Long.parseLong(columns[DROPS]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * How the kernel prints a local address: each 32-bit word of the address in host byte order
     * as 8 upper-case hex digits, a colon, the port as 4 hex digits.
     */
    static String procAddress(InetSocketAddress bound) {
        byte[] address = bound.getAddress().getAddress();
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        StringBuilder text = new StringBuilder(address.length * 2 + 5);
        for (int word = 0; word < address.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int b = address[word + (little ? 3 - i : i)] & 0xff;
                text.append(String.format(Locale.ROOT, "%02X", b));
            }
        }
        return text.append(String.format(Locale.ROOT, ":%04X", bound.getPort())).toString();
    }
}
