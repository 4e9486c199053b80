package io.udpkit.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;

/**
 * One UDP socket's kernel drop count: the {@code drops} column of its line in
 * {@code /proc/net/udp} (IPv4) or {@code /proc/net/udp6} (IPv6), found by the socket's inode.
 * Linux counts there the datagrams it discarded for this socket, chiefly because its receive
 * buffer was full; other sockets' losses never show.
 *
 * <p>An I/O path that knows its descriptor reports the inode itself
 * ({@link io.udpkit.core.spi.DatagramSocketIo#inode()}). The JDK does not expose a channel's file
 * descriptor, so for the NIO path the inode is found from the outside:
 * {@link #socketInodes} lists the process's socket inodes (the {@code socket:[N]} targets of the
 * links in {@code /proc/self/fd}) before the channel is opened, and {@link #locate} keeps the
 * inodes that are new afterwards and that the table lists with the bound port. With SO_REUSEADDR
 * off only one socket can hold that address, so exactly one inode remains; if none or several do
 * (no {@code /proc}, another thread binding the same port at the same instant with
 * SO_REUSEADDR), the count is unknown and reads -1 rather than someone else's figure.
 */
final class SocketDropCounter {

    static final Path PROC_SELF_FD = Paths.get("/proc/self/fd");
    static final Path PROC_NET_UDP = Paths.get("/proc/net/udp");
    static final Path PROC_NET_UDP6 = Paths.get("/proc/net/udp6");

    /** A counter that always reads -1, for a socket whose line was not found. */
    static final SocketDropCounter UNKNOWN = new SocketDropCounter(null, -1);

    /* Columns of a /proc/net/udp line split on blanks: "sl local rem st tx:rx tr:tm retrnsmt uid
     * timeout inode ref pointer drops"; stable since Linux 2.6.27 added drops. */
    private static final int LOCAL_ADDRESS = 1;
    private static final int INODE = 9;
    private static final int DROPS = 12;

    private final Path table;
    private final long inode;

    SocketDropCounter(Path table, long inode) {
        this.table = table;
        this.inode = inode;
    }

    /**
     * The inodes of the sockets this process has open now.
     *
     * @param fdDirectory {@code /proc/self/fd}, or a stand-in
     * @return the inodes; empty if the directory is unreadable
     */
    static Set<Long> socketInodes(Path fdDirectory) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fdDirectory)) {
            for (Path link : links) {
                long inode = socketInode(link);
                if (inode >= 0) {
                    inodes.add(inode);
                }
            }
        } catch (IOException | SecurityException e) {
            // No /proc: the counter will read -1.
        }
        return inodes;
    }

    private static long socketInode(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -1; // closed since it was listed, or not a link
        }
        if (!target.startsWith("socket:[") || !target.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(target.substring("socket:[".length(), target.length() - 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Finds the socket bound to {@code bound} among those opened since {@code before} was taken.
     *
     * @param before      {@link #socketInodes} taken before the socket was created
     * @param fdDirectory {@code /proc/self/fd}, read again now
     * @param table       {@code /proc/net/udp} or {@code /proc/net/udp6}, by the socket's family
     * @param bound       the socket's bound address (its port is matched)
     * @return the socket's counter, or {@link #UNKNOWN}
     */
    static SocketDropCounter locate(Set<Long> before, Path fdDirectory, Path table,
            InetSocketAddress bound) {
        Set<Long> opened = socketInodes(fdDirectory);
        opened.removeAll(before);
        if (opened.isEmpty()) {
            return UNKNOWN;
        }
        String port = String.format(":%04X", bound.getPort());
        long found = -1;
        try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length <= DROPS || !columns[LOCAL_ADDRESS].endsWith(port)) {
                    continue;
                }
                long inode = parse(columns[INODE]);
                if (opened.contains(inode)) {
                    if (found >= 0 && found != inode) {
                        return UNKNOWN; // two candidates: rather unknown than wrong
                    }
                    found = inode;
                }
            }
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
        return found >= 0 ? new SocketDropCounter(table, found) : UNKNOWN;
    }

    /**
     * The counter of a socket whose inode its I/O path knows ({@link
     * io.udpkit.core.spi.DatagramSocketIo#inode()}).
     *
     * @param inode the socket's inode
     * @param bound its bound address, whose family picks the table
     * @return its counter
     */
    static SocketDropCounter of(long inode, InetSocketAddress bound) {
        return new SocketDropCounter(table(bound), inode);
    }

    private static Path table(InetSocketAddress bound) {
        return bound.getAddress() instanceof Inet6Address ? PROC_NET_UDP6 : PROC_NET_UDP;
    }

    /**
     * Finds an endpoint's socket in this process's real {@code /proc}.
     *
     * @param before {@link #socketInodes socketInodes(PROC_SELF_FD)} taken before it was created
     * @param bound  its bound address
     * @return its counter, or {@link #UNKNOWN}
     */
    static SocketDropCounter locate(Set<Long> before, InetSocketAddress bound) {
        return locate(before, PROC_SELF_FD, table(bound), bound);
    }

    /**
     * The socket's drop count now. Reads the whole table (one line per UDP socket in the network
     * namespace): call it for stats and warnings, never per datagram.
     *
     * @return datagrams the kernel dropped for this socket since it was created, or -1 if unknown
     *         (no /proc, or the socket is closed)
     */
    long drops() {
        if (table == null) {
            return -1;
        }
        try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > DROPS && parse(columns[INODE]) == inode) {
                    return parse(columns[DROPS]);
                }
            }
        } catch (IOException | SecurityException e) {
            return -1;
        }
        return -1;
    }

    /** The socket's inode, or -1 when unknown. */
    long inode() {
        return inode;
    }

    private static long parse(String decimal) {
        try {
            return Long.parseLong(decimal);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
