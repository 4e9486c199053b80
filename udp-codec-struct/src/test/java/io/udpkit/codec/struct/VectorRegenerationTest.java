package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed vectors are exactly what gen_vectors.py produces with this machine's CPython:
 * nobody edited them by hand, and the generator is deterministic. Skipped (not failed) when
 * python3 is absent or is not the version the vectors record; replay of the committed vectors
 * ({@link CpythonConformanceTest}) runs regardless.
 */
class VectorRegenerationTest {

    private static final Path MODULE = Paths.get(System.getProperty("basedir", "."));
    private static final Path SCRIPT = MODULE.resolve("src/test/python/gen_vectors.py");
    private static final Path COMMITTED =
            MODULE.resolve("src/test/resources/io/udpkit/codec/struct/cpython-vectors.json");

    @Test
    void regeneratedVectorsEqualCommittedFile(@TempDir Path tmp) throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT);
        assertTrue(Files.isRegularFile(COMMITTED), "missing " + COMMITTED);
        PythonProcess.assumeAvailable();
        String recorded = CpythonVectors.root().path("python").asText("unknown");
        String running = PythonProcess.run("-c",
                "import sys; print('%d.%d' % sys.version_info[:2])").strip();
        Assumptions.assumeTrue(recorded.equals(running), "regeneration skipped: the committed vectors"
                + " record CPython " + recorded + " but " + PythonProcess.executable() + " is "
                + running + " (set -Dudpkit.python to a " + recorded + " interpreter); the committed"
                + " vectors are still replayed by CpythonConformanceTest");
        Path fresh = tmp.resolve("vectors.json");
        PythonProcess.run(SCRIPT.toString(), fresh.toString());
        String expected = Files.readString(COMMITTED);
        String actual = Files.readString(fresh);
        assertEquals(expected.length(), actual.length(),
                "regenerated vectors differ in length; rerun gen_vectors.py and commit");
        assertTrue(expected.equals(actual),
                "regenerated vectors differ from the committed file; rerun gen_vectors.py");
    }
}
