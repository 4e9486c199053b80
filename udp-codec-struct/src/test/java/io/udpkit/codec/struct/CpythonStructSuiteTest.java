package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs CPython's own struct test suite ({@code test.test_struct}, shipped with python3) unchanged
 * against udpkit's {@link Struct}: src/test/python/run_test_struct.py imports it with
 * udpkit_struct.py standing in for the {@code struct} module, and every call that module makes is
 * executed here by {@link StructShimServer}. Every applicable test must pass; the ones in
 * {@link #NOT_APPLICABLE} test CPython's C implementation rather than struct's behaviour, and are
 * listed with the reason.
 */
class CpythonStructSuiteTest {

    private static final Path SCRIPT = Paths.get(System.getProperty("basedir", "."))
            .resolve("src/test/python/run_test_struct.py");

    /** Tests of CPython's implementation, not of struct's behaviour, and why each is not run. */
    static final Map<String, String> NOT_APPLICABLE = Map.of(
            "test__sizeof__", "sys.getsizeof of the C PyStructObject",
            "test_struct_cleans_up_at_runtime_shutdown",
            "runs a fresh interpreter with CPython's own struct and checks its shutdown",
            "test__struct_reference_cycle_cleaned_up",
            "imports a fresh copy of CPython's C module _struct and checks it is collected",
            "test__struct_types_immutable",
            "C extension types reject attribute assignment; the shim's Python classes cannot");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyApplicableCpythonStructTestPasses(@TempDir Path tmp) throws Exception {
        assertTrue(Files.isRegularFile(SCRIPT), "missing " + SCRIPT);
        PythonProcess.assumeAvailable();
        String probe = PythonProcess.run("-c",
                "import importlib.util as u; print(u.find_spec('test.test_struct') is not None)");
        if (!probe.strip().equals("True")) {
            String missing = PythonProcess.executable() + " has no test.test_struct (Debian ships "
                    + "CPython's tests in the package libpython3.X-testsuite; .ci/run installs it)";
            // CI sets udpkit.requirePython: there a missing suite fails rather than skips.
            assertFalse(Boolean.getBoolean("udpkit.requirePython"), missing);
            Assumptions.abort(missing + "; the CPython struct suite was not run");
        }

        List<String> command = new ArrayList<>(List.of(PythonProcess.executable(), SCRIPT.toString()));
        command.addAll(NOT_APPLICABLE.keySet());
        Path log = tmp.resolve("test_struct.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process python = builder.start();
        StructShimServer server = new StructShimServer();
        JsonNode results;
        try (BufferedReader requests = new BufferedReader(
                     new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
             Writer answers = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8)) {
            results = server.serve(requests, answers);
        } finally {
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
            }
        }
        assertNotNull(results, "run_test_struct.py ended without results:\n" + Files.readString(log));

        Map<String, String> failed = new TreeMap<>();
        List<String> passed = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        results.properties().forEach(e -> {
            String name = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            String outcome = e.getValue().asText();
            if (outcome.equals("pass")) {
                passed.add(name);
            } else if (outcome.equals("excluded")) {
                excluded.add(name);
            } else {
                failed.put(e.getKey(), outcome);
            }
        });
        assertEquals(Map.of(), failed, "CPython struct tests failing against udpkit");
        assertEquals(NOT_APPLICABLE.keySet(), new java.util.HashSet<>(excluded),
                "every not-applicable test exists in this CPython's suite");
        assertTrue(passed.size() >= 30, "only " + passed.size() + " tests ran: " + passed);
        assertTrue(passed.contains("test_integers") && passed.contains("test_half_float")
                && passed.contains("test_length_hint")
                && passed.contains("test_boundary_error_message_with_large_offset"), passed.toString());
        assertTrue(server.calls() > 10_000, "only " + server.calls() + " calls reached udpkit");
    }
}
