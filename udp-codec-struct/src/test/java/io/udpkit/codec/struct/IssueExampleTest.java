package io.udpkit.codec.struct;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.core.Codec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of issue 4 works as written, in this JVM and from a clean class path. */
class IssueExampleTest {

    /** CPython 3.11: struct.pack('! I 2s Q 2h f', 1, b'ab', 2, 3, 3, 2.5).hex() */
    private static final String PYTHON_HEX = "000000016162000000000000000200030003" + "40200000";

    @Test
    void issueSnippetPacksLikeCpythonAndUnpacksToTheDocumentedValues() {
        Struct s = Struct.compile("! I 2s Q 2h f");
        assertEquals(22, s.size());
        byte[] b = s.pack(1, "ab".getBytes(US_ASCII), 2, 3, 3, 2.5);
        assertEquals(PYTHON_HEX, CpythonVectors.hex(b));
        List<Object> v = s.unpack(b);
        assertEquals(6, v.size());
        assertEquals(1L, v.get(0));
        assertArrayEquals(new byte[] {97, 98}, (byte[]) v.get(1));
        assertEquals(2L, v.get(2));
        assertEquals(3L, v.get(3));
        assertEquals(3L, v.get(4));
        assertEquals(2.5, v.get(5));
    }

    @Test
    void snippetBytesEqualWhatPython3PacksNow() throws Exception {
        PythonProcess.assumeAvailable();
        String hex = PythonProcess.run("-c",
                "import struct; print(struct.pack('! I 2s Q 2h f', 1, b'ab', 2, 3, 3, 2.5).hex())")
                .strip();
        assertEquals(hex, CpythonVectors.hex(Struct.pack("! I 2s Q 2h f", 1,
                "ab".getBytes(US_ASCII), 2, 3, 3, 2.5)));
    }

    @Test
    void snippetRunsFromACleanClassPath(@TempDir Path tmp) throws Exception {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        assertTrue(Files.isExecutable(bin.resolve("javac")), "tests need a JDK");
        String classPath = location(Struct.class) + File.pathSeparator + location(Codec.class);
        Path source = tmp.resolve("Example.java");
        Files.writeString(source, String.join("\n",
                "import static java.nio.charset.StandardCharsets.US_ASCII;",
                "import io.udpkit.codec.struct.Struct;",
                "import java.util.HexFormat;",
                "import java.util.List;",
                "public class Example {",
                "  public static void main(String[] args) {",
                "    Struct s = Struct.compile(\"! I 2s Q 2h f\");",
                "    byte[] b = s.pack(1, \"ab\".getBytes(US_ASCII), 2, 3, 3, 2.5);",
                "    List<Object> v = s.unpack(b);",
                "    byte[] ab = (byte[]) v.get(1);",
                "    System.out.println(s.size() + \" \" + HexFormat.of().formatHex(b) + \" \"",
                "        + v.get(0) + \",\" + ab[0] + \",\" + ab[1] + \",\" + v.get(2) + \",\"",
                "        + v.get(3) + \",\" + v.get(4) + \",\" + v.get(5));",
                "  }",
                "}", ""));
        String compiled = runJdkTool(new ProcessBuilder(bin.resolve("javac").toString(),
                "-d", tmp.toString(), "-cp", classPath, "--release", "17", source.toString()));
        assertEquals("", compiled.strip(), "javac output");
        Process p = new ProcessBuilder(bin.resolve("java").toString(), "-cp",
                tmp + File.pathSeparator + classPath, "Example").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "example did not finish");
        assertEquals(0, p.exitValue(), out);
        assertEquals("22 " + PYTHON_HEX + " 1,97,98,2,3,3,2.5", out.strip());
    }

    private static String runJdkTool(ProcessBuilder builder) throws Exception {
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tool did not finish: " + builder.command());
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
