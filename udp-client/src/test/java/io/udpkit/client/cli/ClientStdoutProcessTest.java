package io.udpkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client command whose result cannot be written does not report success. */
class ClientStdoutProcessTest {

    @Test
    void aResultThatCannotBeWrittenExitsOneWithOneLine() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.canWrite(), "needs /dev/full");
        Process client = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                UdpClientCommand.class.getName(), "pack", "--format", "!I", "--values", "[1]"))
                .redirectOutput(full).start();
        assertTrue(client.waitFor(60, TimeUnit.SECONDS), "client exited");
        String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, client.exitValue(), err);
        assertEquals("udp-client: cannot write to stdout: No space left on device\n", err);
    }
}
