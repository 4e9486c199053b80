package io.udpkit.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.udpkit.core.codec.RawCodec;
import io.udpkit.core.codec.TextCodec;
import io.udpkit.core.spi.CodecProvider;
import io.udpkit.core.testing.CapturedLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery as applications see it: the built-in codecs from udp-core's own service file, and a
 * third party's provider compiled at test time into a jar of its own, loaded through a class
 * loader the way a plug-in directory or an extra class-path entry would be.
 */
class CodecRegistryTest {

    private static final String SERVICES = "META-INF/services/" + CodecProvider.class.getName();

    @TempDir
    Path dir;

    @Test
    void installedRegistryFindsRawAndText() {
        CodecRegistry registry = CodecRegistry.installed();
        assertEquals(RawCodec.INSTANCE, registry.create("raw", ""));
        assertEquals(TextCodec.INSTANCE, registry.create("text", null));
        assertTrue(registry.find("raw").isPresent());
    }

    @Test
    void typedLookUpGivesACodecOfTheExpectedType() {
        CodecRegistry registry = CodecRegistry.installed();
        Codec<ByteBuffer> raw = registry.create("raw", "", ByteBuffer.class);
        Codec<String> text = registry.create("text", "", String.class);
        assertEquals(RawCodec.INSTANCE, raw);
        assertEquals("hi", text.decode(ByteBuffer.wrap("hi".getBytes(UTF_8))));
        assertEquals(TextCodec.INSTANCE, registry.create("text", "", CharSequence.class),
                "a supertype of the value type is accepted");
        assertEquals(TextCodec.INSTANCE, registry.create("text", "", Object.class));
    }

    @Test
    void typedLookUpRefusesAnotherTypeInOneLine() {
        CodecException e = assertThrows(CodecException.class,
                () -> CodecRegistry.installed().create("text", "", ByteBuffer.class));
        assertEquals("codec 'text' makes java.lang.String values, not java.nio.ByteBuffer",
                e.getMessage());
    }

    @Test
    void aProviderThatStatesNoValueTypeIsFoundOnlyAsObject() {
        CodecProvider silent = new CodecProvider() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public String description() {
                return "says nothing of its value type";
            }

            @Override
            public Codec<?> create(String spec) {
                return TextCodec.INSTANCE;
            }
        };
        CodecRegistry registry = CodecRegistry.of(List.of(silent));
        assertEquals(TextCodec.INSTANCE, registry.create("silent", "", Object.class));
        CodecException e = assertThrows(CodecException.class,
                () -> registry.create("silent", "", String.class));
        assertEquals("codec 'silent' makes java.lang.Object values, not java.lang.String",
                e.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableNames() {
        CodecException e = assertThrows(CodecException.class,
                () -> CodecRegistry.installed().provider("nope"));
        assertEquals("unknown codec 'nope'; available: raw, text", e.getMessage());
    }

    @Test
    void findsAThirdPartyProviderFromItsOwnJar() throws Exception {
        Path jar = buildJar("thirdparty", List.of(provider("com.example.Rot13Provider", "rot13")),
                "com.example.Rot13Provider\n");
        try (URLClassLoader loader = loaderFor(jar)) {
            CodecRegistry registry = CodecRegistry.load(loader);

            CodecProvider rot13 = registry.provider("rot13");
            assertEquals("com.example.Rot13Provider", rot13.getClass().getName());
            assertEquals(loader, rot13.getClass().getClassLoader());
            @SuppressWarnings("unchecked")
            Codec<String> codec = (Codec<String>) registry.create("rot13", "");
            assertEquals("uryyb", codec.decode(ByteBuffer.wrap("hello".getBytes(UTF_8))));
            assertEquals(List.of("raw", "rot13", "text"), registry.providers().stream()
                    .map(CodecProvider::name).collect(Collectors.toList()));
        }
    }

    @Test
    void twoProvidersWithOneNameIsAnErrorNamingBothClasses() throws Exception {
        Path jar = buildJar("clash", List.of(provider("com.example.OtherText", "text")),
                "com.example.OtherText\n");
        try (URLClassLoader loader = loaderFor(jar)) {
            CodecException e = assertThrows(CodecException.class, () -> CodecRegistry.load(loader));
            assertTrue(e.getMessage().startsWith("two codec providers are named 'text': "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("io.udpkit.core.codec.TextCodecProvider"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("com.example.OtherText"), e.getMessage());
        }
    }

    @Test
    void providerThatFailsToLoadIsSkippedAndReported() throws Exception {
        String failing = "package com.example;\n"
                + "public final class Broken extends Good {\n"
                + "    public Broken() { throw new IllegalStateException(\"cannot start\"); }\n"
                + "}\n";
        Path jar = buildJar("partly-broken", List.of(
                provider("com.example.Good", "good").replace("final class", "class"),
                new Source("com.example.Broken", failing)),
                "com.example.Missing\ncom.example.Broken\ncom.example.Good\n");
        try (CapturedLog log = CapturedLog.of(CodecRegistry.class);
                URLClassLoader loader = loaderFor(jar)) {
            CodecRegistry registry = CodecRegistry.load(loader);

            assertNotNull(registry.provider("good"));
            assertEquals(List.of("good", "raw", "text"), registry.providers().stream()
                    .map(CodecProvider::name).collect(Collectors.toList()));
            List<String> warnings = log.messages(Level.WARN);
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("com.example.Missing"), warnings.get(0));
            assertTrue(warnings.get(1).contains("com.example.Broken"), warnings.get(1));
        }
    }

    private record Source(String className, String code) {
        Source replace(String from, String to) {
            return new Source(className, code.replace(from, to));
        }
    }

    /** A provider whose codec rot13-decodes ASCII text: enough to prove it is the one loaded. */
    private static Source provider(String className, String name) {
        int dot = className.lastIndexOf('.');
        String code = "package " + className.substring(0, dot) + ";\n"
                + "import io.udpkit.core.Codec;\n"
                + "import java.nio.ByteBuffer;\n"
                + "public final class " + className.substring(dot + 1)
                + " implements io.udpkit.core.spi.CodecProvider {\n"
                + "    public String name() { return \"" + name + "\"; }\n"
                + "    public String description() { return \"test codec\"; }\n"
                + "    public Codec<?> create(String spec) {\n"
                + "        return new Codec<String>() {\n"
                + "            public String decode(ByteBuffer payload) {\n"
                + "                StringBuilder s = new StringBuilder();\n"
                + "                for (int i = payload.position(); i < payload.limit(); i++) {\n"
                + "                    char c = (char) payload.get(i);\n"
                + "                    s.append(c >= 'a' && c <= 'z'"
                + " ? (char) ('a' + (c - 'a' + 13) % 26) : c);\n"
                + "                }\n"
                + "                return s.toString();\n"
                + "            }\n"
                + "            public void encode(String value, ByteBuffer out) {\n"
                + "                throw new UnsupportedOperationException();\n"
                + "            }\n"
                + "        };\n"
                + "    }\n"
                + "}\n";
        return new Source(className, code);
    }

    /** Compiles the sources against udp-core and packs them with a service file into a jar. */
    private Path buildJar(String name, List<Source> sources, String services) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        String[] files = new String[sources.size()];
        for (int i = 0; i < files.length; i++) {
            Source source = sources.get(i);
            Path file = src.resolve(source.className().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.code(), UTF_8);
            files[i] = file.toString();
        }
        String classPath = Path.of(CodecProvider.class.getProtectionDomain().getCodeSource()
                .getLocation().getPath()).toString();
        String[] args = Stream.concat(Stream.of("--release", "17", "-nowarn", "-cp", classPath,
                "-d", classes.toString()), Stream.of(files)).toArray(String[]::new);
        assertEquals(0, javac.run(null, null, null, args), "javac failed");

        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> tree = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) tree.filter(Files::isRegularFile)::iterator) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString()
                        .replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
            jarOut.putNextEntry(new JarEntry(SERVICES));
            jarOut.write(services.getBytes(UTF_8));
            jarOut.closeEntry();
        }
        return jar;
    }

    private static URLClassLoader loaderFor(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()},
                CodecRegistryTest.class.getClassLoader());
    }
}
