package io.udpkit.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Reads the kernel's UDP {@code RcvbufErrors} counter from {@code /proc/net/snmp}: datagrams the
 * kernel dropped because a socket's receive buffer was full. The counter covers every UDP socket in
 * the network namespace; Linux exposes no per-socket figure in this file.
 */
final class KernelUdpCounters {

    static final Path PROC_NET_SNMP = Paths.get("/proc/net/snmp");

    private final Path snmp;

    KernelUdpCounters(Path snmp) {
        this.snmp = snmp;
    }

    /**
     * The current value of {@code RcvbufErrors}.
     *
     * @return the counter, or -1 if the file is unreadable or lacks the field
     */
    long receiveBufferErrors() {
        List<String> lines;
        try {
            lines = Files.readAllLines(snmp, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        // Two lines start with "Udp:": the field names, then the values in the same order.
        for (int i = 0; i + 1 < lines.size(); i++) {
            String names = lines.get(i);
            String values = lines.get(i + 1);
            if (names.startsWith("Udp:") && values.startsWith("Udp:")) {
                return field(names.split("\\s+"), values.split("\\s+"), "RcvbufErrors");
            }
        }
        return -1;
    }

    private static long field(String[] names, String[] values, String wanted) {
        for (int i = 1; i < names.length && i < values.length; i++) {
            if (names[i].equals(wanted)) {
                try {
                    return Long.parseLong(values[i]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
