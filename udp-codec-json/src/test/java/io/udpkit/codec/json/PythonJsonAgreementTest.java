package io.udpkit.codec.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.udpkit.core.CodecException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The json codec reads what Python's {@code json.loads} reads, non-finite numbers included, and
 * writes them as {@code json.dumps} does: checked document by document against python3.
 */
class PythonJsonAgreementTest {

    private static final JsonCodec<JsonNode> TREE = JsonCodec.tree();

    private static final List<String> DOCUMENTS = List.of(
            "NaN", "Infinity", "-Infinity", "[NaN,Infinity,-Infinity]",
            "{\"from\":\"127.0.0.1:5555\",\"values\":[1,\"ab\",NaN,-Infinity,2.5]}",
            "1e400", "-1e400", "[1E400, 2.5e-400]", "{\"a\": Infinity}",
            "+Infinity", "-INF", "+INF", "INF", "nan", "inf", "-NaN", "+NaN", "NAN", "infinity",
            "[Infinity", "Infinityx", "-", "1.5", "[]");

    @Test
    void acceptsAndRefusesExactlyWhatPythonJsonLoadsDoes() throws Exception {
        List<String> python = pythonVerdicts();
        assertEquals(DOCUMENTS.size(), python.size(), python.toString());
        List<String> ours = new ArrayList<>();
        for (String document : DOCUMENTS) {
            try {
                ours.add("ok " + pythonStyle(TREE.decode(utf8(document))));
            } catch (CodecException e) {
                ours.add("refused");
            }
        }
        assertEquals(python, ours);
    }

    @Test
    void nonFiniteNumbersReadAsDoublesAndWriteBareAsJsonDumpsDoes() {
        JsonNode node = TREE.decode(utf8("[NaN,Infinity,-Infinity,1e400]"));
        assertTrue(Double.isNaN(node.get(0).doubleValue()) && node.get(0).isDouble());
        assertEquals(Double.POSITIVE_INFINITY, node.get(1).doubleValue());
        assertEquals(Double.NEGATIVE_INFINITY, node.get(2).doubleValue());
        assertEquals(Double.POSITIVE_INFINITY, node.get(3).doubleValue());
        ByteBuffer out = ByteBuffer.allocate(100);
        TREE.encode(node, out);
        out.flip();
        String written = StandardCharsets.UTF_8.decode(out).toString();
        assertEquals("[NaN,Infinity,-Infinity,Infinity]", written);
        assertEquals(written, TREE.decode(utf8(written)).toString().replace("\"", ""));
    }

    @Test
    void refusalOfPythonsNonSpellingsSaysWhatIsRead() {
        CodecException e = org.junit.jupiter.api.Assertions.assertThrows(CodecException.class,
                () -> TREE.decode(utf8("[1,-INF]")));
        assertTrue(e.getMessage().contains("only NaN, Infinity and -Infinity"), e.getMessage());
    }

    /** Every number as Python's repr would print it for the kinds involved here. */
    private static String pythonStyle(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(pythonStyle(n)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            node.properties().forEach(e -> parts.add("'" + e.getKey() + "': " + pythonStyle(e.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isDouble()) {
            double d = node.doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return d == 0 ? "0.0" : String.valueOf(d);
        }
        return node.toString();
    }

    private static List<String> pythonVerdicts() throws IOException, InterruptedException {
        String python = System.getProperty("udpkit.python", "python3");
        String script = "import json, sys\n"
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    try:\n"
                + "        print('ok', repr(json.loads(line)))\n"
                + "    except ValueError:\n"
                + "        print('refused')\n";
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", script).redirectErrorStream(true).start();
        } catch (IOException e) {
            // CI sets udpkit.requirePython: there a missing python3 fails rather than skips.
            if (Boolean.getBoolean("udpkit.requirePython")) {
                throw new AssertionError(python + " is not installed", e);
            }
            Assumptions.abort(python + " is not installed: " + e.getMessage());
            throw e;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write((String.join("\n", DOCUMENTS) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out.lines().toList();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
