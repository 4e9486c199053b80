package io.udpkit.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CPU bandwidth limit for receivers: each receiver process runs in a control group of its own
 * kind whose CFS quota is {@code percent} % of one core per {@value #PERIOD_MICROS} µs period.
 * While the receiver is throttled, datagrams queue in its socket, and each wake-up then drains a
 * batch: the receiver, not the sender, limits the rate, which a 2-core machine cannot otherwise
 * arrange when the sender needs a core of its own. A JVM's compiler and GC threads count against
 * the same quota, as they would against a real server's core.
 *
 * <p>Needs root and the cgroup {@code cpu} controller, v2 ({@code cpu.max}) or v1
 * ({@code cpu.cfs_quota_us}); {@link #create} says in one line why not otherwise.
 */
final class ReceiverCpuQuota implements AutoCloseable {

    static final int PERIOD_MICROS = 10_000;

    private final int percent;
    private final Path group;

    private ReceiverCpuQuota(int percent, Path group) {
        this.percent = percent;
        this.group = group;
    }

    /**
     * Creates the control group {@code udpkit-bench-<pid>} with the quota.
     *
     * @param percent the share of one core, 1 to 100
     * @throws IOException if no cpu controller is writable here
     */
    static ReceiverCpuQuota create(int percent) throws IOException {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("--receiver-cpu must be 1..100: " + percent);
        }
        String name = "udpkit-bench-" + ProcessHandle.current().pid();
        long quota = (long) PERIOD_MICROS * percent / 100;
        Path v2 = Path.of("/sys/fs/cgroup");
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        try {
            if (controllers(v2).contains("cpu")) {
                Path group = Files.createDirectories(v2.resolve(name));
                write(group.resolve("cpu.max"), quota + " " + PERIOD_MICROS);
                return new ReceiverCpuQuota(percent, group);
            }
            if (Files.isRegularFile(v1.resolve("cpu.cfs_quota_us"))) {
                Path group = Files.createDirectories(v1.resolve(name));
                write(group.resolve("cpu.cfs_period_us"), Integer.toString(PERIOD_MICROS));
                write(group.resolve("cpu.cfs_quota_us"), Long.toString(quota));
                return new ReceiverCpuQuota(percent, group);
            }
        } catch (IOException e) {
            throw new IOException("cannot set a CPU quota for receivers (root and the cgroup cpu"
                    + " controller are needed): " + e.getMessage(), e);
        }
        throw new IOException("cannot set a CPU quota for receivers: no cgroup cpu controller under "
                + v2 + " (v2) or " + v1 + " (v1)");
    }

    private static String controllers(Path v2) throws IOException {
        Path file = v2.resolve("cgroup.controllers");
        return Files.isRegularFile(file) ? Files.readString(file) : "";
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }

    /** The share of one core. */
    int percent() {
        return percent;
    }

    /**
     * The command, started inside the group: a shell moves itself into it and then becomes the
     * command, so every thread the command starts is limited from its first instruction.
     */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > " + group.resolve("cgroup.procs") + " && exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Removes the group; its processes must have ended. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(group);
    }

    @Override
    public String toString() {
        return percent + " % of one core (CFS quota, " + PERIOD_MICROS / 1000 + " ms period, "
                + group + ")";
    }
}
