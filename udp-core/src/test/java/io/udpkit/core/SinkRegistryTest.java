package io.udpkit.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.spi.SinkProvider;
import io.udpkit.core.testing.CapturedLog;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sink discovery with {@link java.util.ServiceLoader}, through a class-path directory holding a
 * service file, as a plug-in jar would provide one.
 */
class SinkRegistryTest {

    @TempDir
    Path dir;

    /** A provider as a plug-in would write one. */
    public static class NullSinkProvider implements SinkProvider {
        /** Found by ServiceLoader. */
        public NullSinkProvider() {
        }

        @Override
        public String name() {
            return "null";
        }

        @Override
        public String description() {
            return "discards every value";
        }

        @Override
        public Sink<?> create(String spec) {
            if (!spec.isEmpty()) {
                throw new SinkException("the null sink takes no spec: " + spec);
            }
            return null;
        }
    }

    /** Claims the name of {@link NullSinkProvider}. */
    public static class OtherNullSinkProvider extends NullSinkProvider {
        /** Found by ServiceLoader. */
        public OtherNullSinkProvider() {
        }
    }

    /** Fails to load, as a provider with a missing dependency does. */
    public static class BrokenSinkProvider extends NullSinkProvider {
        /** Found by ServiceLoader; throws. */
        public BrokenSinkProvider() {
            throw new IllegalStateException("cannot start");
        }
    }

    @Test
    void findsProvidersSkipsBrokenOnesAndReportsThem() throws Exception {
        try (CapturedLog log = CapturedLog.of(SinkRegistry.class);
                URLClassLoader loader = withServices("com.example.Missing",
                        BrokenSinkProvider.class.getName(), NullSinkProvider.class.getName())) {
            SinkRegistry registry = SinkRegistry.load(loader);
            assertEquals(List.of("null"), registry.providers().stream().map(SinkProvider::name)
                    .collect(Collectors.toList()));
            assertEquals("discards every value", registry.provider("null").description());
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("com.example.Missing"), warnings.get(0));
            assertTrue(warnings.get(1).contains("BrokenSinkProvider"), warnings.get(1));
        }
    }

    @Test
    void twoProvidersWithOneNameIsAnErrorNamingBothClasses() throws Exception {
        try (URLClassLoader loader = withServices(NullSinkProvider.class.getName(),
                OtherNullSinkProvider.class.getName())) {
            SinkException e = assertThrows(SinkException.class, () -> SinkRegistry.load(loader));
            assertEquals("two sink providers are named 'null': " + NullSinkProvider.class.getName()
                    + " and " + OtherNullSinkProvider.class.getName(), e.getMessage());
        }
    }

    @Test
    void unknownNameListsTheAvailableNamesAndTheArtifactOfOurOwn() {
        SinkRegistry registry = SinkRegistry.of(List.of(new NullSinkProvider()));
        SinkException unknown = assertThrows(SinkException.class, () -> registry.create("nope", ""));
        assertEquals("unknown sink 'nope'; available: null", unknown.getMessage());
        SinkException kafka = assertThrows(SinkException.class, () -> registry.provider("kafka"));
        assertEquals("unknown sink 'kafka' (add io.udpkit:udp-sink-kafka to the class path); "
                + "available: null", kafka.getMessage());
        SinkException badSpec = assertThrows(SinkException.class, () -> registry.create("null", "x"));
        assertEquals("the null sink takes no spec: x", badSpec.getMessage());
        assertTrue(registry.find("null").isPresent());
    }

    private URLClassLoader withServices(String... classNames) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(SinkProvider.class.getName()),
                String.join("\n", classNames) + "\n", UTF_8);
        // Child-first for nothing: the classes come from the test class path, the service file
        // from the directory.
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return SinkRegistryTest.class.getClassLoader().loadClass(name);
            }

            @Override
            public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
                return findResources(name);
            }
        };
    }
}
