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
    /** Where an IPv4 address bound by a dual-stack (IPv6) socket is listed; null for IPv6. */
    private final Path mappedTable;
    private final String mappedAddress;

    private ClientSocketDrops(Path table, String localAddress, Path mappedTable,
            String mappedAddress) {
        this.table = table;
        this.localAddress = localAddress;
        this.mappedTable = mappedTable;
        this.mappedAddress = mappedAddress;
    }

    /** The counter of the socket bound to {@code bound}. */
    static ClientSocketDrops of(InetSocketAddress bound) {
        return of(Paths.get("/proc/net/udp"), Paths.get("/proc/net/udp6"), bound);
    }

    /**
     * The same search in other files: {@code udp} for an IPv4 socket, {@code udp6} for an IPv6
     * one and for an IPv4 address that a dual-stack socket holds as {@code ::ffff:a.b.c.d}.
     */
    static ClientSocketDrops of(Path udp, Path udp6, InetSocketAddress bound) {
        if (!(bound.getAddress() instanceof Inet4Address)) {
            return new ClientSocketDrops(udp6, procAddress(bound), null, null);
        }
        return new ClientSocketDrops(udp, procAddress(bound), udp6, mappedProcAddress(bound));
    }

    /**
     * The socket's drops now.
     *
     * @return the count, or -1 when it cannot be known (no {@code /proc}, no such line)
     */
    long read() {
        long drops = read(table, localAddress);
        return drops < 0 && mappedTable != null ? read(mappedTable, mappedAddress) : drops;
    }

    private static long read(Path table, String localAddress) {
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
        return procAddress(bound.getAddress().getAddress(), bound.getPort());
    }

    /** An IPv4 address as an IPv6 socket lists it: {@code ::ffff:a.b.c.d}. */
    static String mappedProcAddress(InetSocketAddress bound) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bound.getAddress().getAddress(), 0, mapped, 12, 4);
        return procAddress(mapped, bound.getPort());
    }

    private static String procAddress(byte[] address, int port) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        StringBuilder text = new StringBuilder(address.length * 2 + 5);
        for (int word = 0; word < address.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int b = address[word + (little ? 3 - i : i)] & 0xff;
                text.append(String.format(Locale.ROOT, "%02X", b));
            }
        }
        return text.append(String.format(Locale.ROOT, ":%04X", port)).toString();
    }
}
