package io.udpkit.bench.compare;

import io.udpkit.core.IdleStrategy;
import io.udpkit.core.IoMode;
import io.udpkit.core.TransportConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a udpkit peer is configured, from its variant argument: comma-separated {@code key=value}
 * settings, each one a builder call a user would make, so a row of the comparison is exactly one
 * configuration. Empty means the defaults.
 *
 * <ul>
 *   <li>{@code warmup=N}: {@code UdpServer.Builder.warmup(N)}, the start-up warm-up pass;</li>
 *   <li>{@code io=nio|batch|auto}: {@code TransportConfig.Builder.io(IoMode)};</li>
 *   <li>{@code threads=N}: {@code TransportConfig.Builder.threads(N)}, N loops on one port;</li>
 *   <li>{@code idle=block|yield|spin|receive}: {@code TransportConfig.Builder.idleStrategy(...)};</li>
 *   <li>{@code maxDatagram=N}: {@code TransportConfig.Builder.maxDatagramSize(N)}, the receive
 *       slot size (default the largest UDP payload).</li>
 * </ul>
 *
 * @param warmupDatagrams synthetic datagrams of the warm-up pass, 0 for none
 * @param io              the I/O path asked for, {@code ""} for the default
 * @param threads         receive loops, 1 for the default
 * @param idle            the idle strategy, {@code ""} for the default
 * @param maxDatagram     the largest datagram received, 0 for the default
 */
record UdpkitVariant(int warmupDatagrams, String io, int threads, String idle, int maxDatagram) {

    static final UdpkitVariant DEFAULTS = new UdpkitVariant(0, "", 1, "", 0);

    /**
     * Parses a variant argument.
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    static UdpkitVariant parse(String variant) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!variant.isBlank()) {
            for (String setting : variant.split(",")) {
                int eq = setting.indexOf('=');
                if (eq <= 0 || eq == setting.length() - 1) {
                    throw new IllegalArgumentException("udpkit variant setting is not key=value: " + setting);
                }
                if (settings.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim()) != null) {
                    throw new IllegalArgumentException("udpkit variant sets " + setting.substring(0, eq) + " twice");
                }
            }
        }
        int warmup = intSetting(settings.remove("warmup"), 0, 0, 10_000_000, "warmup");
        String io = choice(settings.remove("io"), "io", "nio", "batch", "auto");
        int threads = intSetting(settings.remove("threads"), 1, 1, 64, "threads");
        String idle = choice(settings.remove("idle"), "idle", "block", "yield", "spin", "receive");
        int maxDatagram = intSetting(settings.remove("maxDatagram"), 0, 1, 65_507, "maxDatagram");
        if (!settings.isEmpty()) {
            throw new IllegalArgumentException("unknown udpkit variant setting(s) " + settings.keySet()
                    + "; known: warmup, io, threads, idle, maxDatagram");
        }
        return new UdpkitVariant(warmup, io, threads, idle, maxDatagram);
    }

    /** Applies the transport settings to {@code builder}. */
    TransportConfig.Builder applyTo(TransportConfig.Builder builder) {
        if (!io.isEmpty()) {
            builder.io(IoMode.valueOf(io.toUpperCase(Locale.ROOT)));
        }
        if (!idle.isEmpty()) {
            builder.idleStrategy(IdleStrategy.valueOf(idle.toUpperCase(Locale.ROOT)));
        }
        if (maxDatagram > 0) {
            builder.maxDatagramSize(maxDatagram);
        }
        return builder.threads(threads);
    }

    private static int intSetting(String text, int absent, int min, int max, String name) {
        if (text == null) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("udpkit variant " + name + " is not an integer: " + text, e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("udpkit variant " + name + " out of range " + min + ".." + max + ": "
                    + value);
        }
        return value;
    }

    private static String choice(String text, String name, String... allowed) {
        if (text == null) {
            return "";
        }
        for (String option : allowed) {
            if (option.equals(text)) {
                return text;
            }
        }
        throw new IllegalArgumentException("udpkit variant " + name + " must be one of " + String.join("|", allowed)
                + ": " + text);
    }
}
