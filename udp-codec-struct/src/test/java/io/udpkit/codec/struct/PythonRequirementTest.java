package io.udpkit.codec.struct;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** CI sets {@code udpkit.requirePython}: a missing CPython then fails instead of skipping. */
@ResourceLock("java.lang.System.properties")
class PythonRequirementTest {

    private static void withProperties(String python, String require, Runnable body) {
        String oldPython = System.getProperty("udpkit.python");
        String oldRequire = System.getProperty("udpkit.requirePython");
        System.setProperty("udpkit.python", python);
        System.setProperty("udpkit.requirePython", require);
        try {
            body.run();
        } finally {
            restore("udpkit.python", oldPython);
            restore("udpkit.requirePython", oldRequire);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void aMissingPythonFailsWhenRequired() {
        withProperties("/nonexistent/python3", "true", () -> {
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    PythonProcess::assumeAvailable);
            assertTrue(failure.getMessage().contains("udpkit.requirePython=true"),
                    failure.getMessage());
        });
    }

    @Test
    void aMissingPythonSkipsWhenNotRequired() {
        withProperties("/nonexistent/python3", "false",
                () -> assertThrows(TestAbortedException.class, PythonProcess::assumeAvailable));
    }
}
