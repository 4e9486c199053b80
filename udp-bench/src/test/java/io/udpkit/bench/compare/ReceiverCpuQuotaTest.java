package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The receivers' CPU quota: a process started through {@link ReceiverCpuQuota#wrap} runs inside
 * the quota's control group; where no cgroup cpu controller is writable, one clear line instead.
 */
class ReceiverCpuQuotaTest {

    @Test
    void aWrappedCommandRunsInsideTheGroupOrTheReasonIsOneLine() throws Exception {
        ReceiverCpuQuota quota;
        try {
            quota = ReceiverCpuQuota.create(40);
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith("cannot set a CPU quota for receivers"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        try (quota) {
            Process process = new ProcessBuilder(quota.wrap(List.of("cat", "/proc/self/cgroup")))
                    .redirectErrorStream(true).start();
            String groups = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), groups);
            assertTrue(groups.contains("udpkit-bench-" + ProcessHandle.current().pid()), groups);
            assertEquals(40, quota.percent());
        }
        assertTrue(Files.notExists(Path.of("/sys/fs/cgroup/cpu/udpkit-bench-" + ProcessHandle.current().pid())));
    }

    @Test
    void aShareOutsideOneToOneHundredIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReceiverCpuQuota.create(0));
        assertThrows(IllegalArgumentException.class, () -> ReceiverCpuQuota.create(101));
    }
}
