package io.udpkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.cli.testing.CliRun;
import io.udpkit.testkit.PythonProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The udp-client launcher run in-process, against a Python recipe server and CPython's struct. */
class UdpClientCommandTest {

    private static final String RECIPE = "! I 2s Q 2h f";

    @Test
    void recipeAgainstPythonServerEchoesDataThenDeliversTheRecord() throws Exception {
        PythonProcess server = PythonProcess.start("recipe_server.py", "2");
        String port = server.nextLine(60);

        CliRun message = CliRun.run(new UdpClientCommand(), "send", "--port", port, "--message", "data");
        assertEquals(0, message.exitCode(30), message.err());
        assertEquals("data\n", message.out());

        CliRun record = CliRun.run(new UdpClientCommand(), "send", "--port", port,
                "--format", RECIPE, "--values", "[1, \"ab\", 2, 3, 3, 2.5]");
        assertEquals(0, record.exitCode(30), record.err());
        assertEquals("", record.out(), "no reply awaited, nothing printed");

        assertEquals("(1, b'ab', 2, 3, 3, 2.5)", server.nextLine(60));
        assertEquals(0, server.waitFor(60), server.stderr());
    }

    @Test
    void upperCasingPythonServerRepliesStrippedUpperCase() throws Exception {
        PythonProcess server = PythonProcess.start("recipe_server.py", "1", "--upper");
        String port = server.nextLine(60);
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--host", "localhost", "--port", port,
                "--message", " hello world\n");
        assertEquals(0, run.exitCode(30), run.err());
        assertEquals("HELLO WORLD\n", run.out());
        assertEquals(0, server.waitFor(60), server.stderr());
    }

    @Test
    void waitReplyDecodesTheEchoedRecordAsJson() throws Exception {
        PythonProcess server = PythonProcess.start("recipe_server.py", "1");
        String port = server.nextLine(60);
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port", port, "--format", RECIPE,
                "--values", "[4294967295, \"\\u00ff\\u0000\", 18446744073709551615, -32768, 32767, 0.1]",
                "--wait-reply");
        assertEquals(0, run.exitCode(30), run.err());
        assertEquals("[4294967295,\"\\u00ff\\u0000\",18446744073709551615,-32768,32767,"
                + "0.10000000149011612]\n", run.out());
        assertEquals(0, server.waitFor(60), server.stderr());
    }

    @Test
    void jsonCodecSendsOneDocumentAndDecodesTheEchoedReply() throws Exception {
        PythonProcess server = PythonProcess.start("recipe_server.py", "1");
        String port = server.nextLine(60);
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port", port, "--codec", "json",
                "--values", "{\"a\": 1, \"b\": [true, null, \"x\", 2.5]}", "--wait-reply");
        assertEquals(0, run.exitCode(30), run.err());
        assertEquals("{\"a\":1,\"b\":[true,null,\"x\",2.5]}\n", run.out());
        assertEquals(0, server.waitFor(60), server.stderr());
    }

    @Test
    void noReplyInTimeIsOneLineAndExitCodeOne() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port", Integer.toString(port),
                    "--message", "data", "--timeout", "0.3");
            assertEquals(1, run.exitCode(30));
            assertOneLine(run.err(), "udp-client: no reply from 127.0.0.1:" + port + " within 0.3 s");
        }
    }

    @Test
    void atFileMessageIsSentLiterallyNotTheFilesContents(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET");
        try (DatagramChannel server = DatagramChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port",
                    Integer.toString(port), "--message", "@" + secret, "--timeout", "0.3");
            assertEquals(1, run.exitCode(30), "no reply: " + run.err());
            ByteBuffer received = ByteBuffer.allocate(1024);
            server.configureBlocking(true);
            server.receive(received);
            received.flip();
            assertEquals("@" + secret, StandardCharsets.UTF_8.decode(received).toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0663", "\uff10", "\u0669\u0669\u0669\u0669"})
    void portTakesAsciiDigitsOnly(String port) throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port", port, "--message", "x");
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-client: Invalid value for option '--port': '" + port
                + "' is not a whole number in ASCII digits 0-9");
    }

    @Test
    void aMessageLargerThanADatagramIsAUsageError() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port", "9", "--message",
                "x".repeat(70_000));
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-client: --message is 70000 bytes in UTF-8; one UDP datagram"
                + " carries at most 65507");
    }

    @Test
    void packAndUnpackMatchCPythonStruct() throws Exception {
        String[][] cases = {
            {RECIPE, "[1, \"ab\", 2, 3, 3, 2.5]"},
            {"<hHiIqQ", "[-32768, 65535, -2147483648, 4294967295, -9223372036854775808, "
                + "18446744073709551615]"},
            {">?bBcx3s", "[true, -128, 255, \"\\u00ff\", \"a\\u0000'\"]"},
            {"=efd", "[1.5, 0.1, 1e-300]"},
            {"!ddd", "[NaN, Infinity, -Infinity]"},
            {"@i5p", "[7, \"abc\"]"},
        };
        StringBuilder oracleInput = new StringBuilder();
        List<String> packed = new ArrayList<>();
        for (String[] c : cases) {
            CliRun pack = CliRun.run(new UdpClientCommand(), "pack", "--format", c[0], "--values", c[1]);
            assertEquals(0, pack.exitCode(30), c[0] + ": " + pack.err());
            packed.add(pack.out().strip());
            oracleInput.append("pack\t").append(c[0]).append('\t').append(c[1]).append('\n');
            oracleInput.append("unpack\t").append(c[0]).append('\t').append(pack.out().strip())
                    .append('\n');
        }
        String[] expected = PythonProcess.run("struct_oracle.py", oracleInput.toString()).split("\n");
        for (int i = 0; i < cases.length; i++) {
            assertEquals(expected[2 * i], packed.get(i), "pack " + cases[i][0]);
            CliRun unpack = CliRun.run(new UdpClientCommand(), "unpack", "--format", cases[i][0],
                    "--hex", packed.get(i));
            assertEquals(0, unpack.exitCode(30), unpack.err());
            assertEquals(expected[2 * i + 1], unpack.out().strip(), "unpack " + cases[i][0]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "send",
        "send --message a --values [1] --format i",
        "send --values [1]",
        "send --message a --port 70000",
        "send --message a --port 0",
        "send --message a --timeout 0",
        "send --format i --values [1,",
        "send --format i --values [1]x",
        "send --format i --values [\"\\u0100\"]",
        "send --format ZZ --values [1]",
        "send --format !I --values [-1]",
        "send --codec nosuch --values [1]",
        "send --message a --host no.such.host.invalid",
        "pack --format !I --values [4294967296]",
        "pack --format !I --values [1,2]",
        "pack --format !I --values {\"a\":1}",
        "pack --format !I --values [null]",
        "pack --format !Z --values [1]",
        "pack --format !I",
        "unpack --format !I --hex zz",
        "unpack --format !I --hex 000",
        "unpack --format !I --hex 0000",
        "unpack --format !I --hex 0000000000",
        "--bogus",
        "frobnicate",
        ""})
    void badInputGivesOneLineAndExitCodeTwo(String args) throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, run.exitCode(30), run.err());
        assertOneLine(run.err(), "udp-client: ");
        assertEquals("", run.out());
    }

    @Test
    void packAndUnpackErrorsAreCpythonsForTheCallTheyStandFor() throws Exception {
        String[][] cases = {
            {"pack", "! I", "[1, 2]"},
            {"pack", "! I", "[]"},
            {"pack", "!I", "[-1]"},
            {"pack", "<h", "[70000]"},
            {"pack", ">f", "[1e39]"},
            {"pack", "<e", "[65520.0]"},
            {"pack", "c", "[\"ab\"]"},
            {"unpack", RECIPE, "0000"},
            {"unpack", RECIPE, "00".repeat(23)},
            {"unpack", "<e", ""},
        };
        StringBuilder oracleInput = new StringBuilder();
        for (String[] c : cases) {
            oracleInput.append(c[0]).append('\t').append(c[1]).append('\t').append(c[2]).append('\n');
        }
        String[] python = PythonProcess.run("struct_oracle.py", oracleInput.toString()).split("\n");
        assertEquals(cases.length, python.length);
        for (int i = 0; i < cases.length; i++) {
            String[] c = cases[i];
            CliRun run = CliRun.run(new UdpClientCommand(), c[0], "--format", c[1],
                    c[0].equals("pack") ? "--values" : "--hex", c[2]);
            assertEquals(2, run.exitCode(30), run.err());
            assertTrue(python[i].startsWith("struct.error: ") || python[i].startsWith("OverflowError: "),
                    "CPython refuses " + String.join(" ", c) + ": " + python[i]);
            assertEquals("udp-client: cannot " + c[0] + ": " + python[i] + " (see --help)",
                    run.err().strip(), String.join(" ", c));
        }
    }

    @Test
    void outOfRangeValueMessageSaysWhatIsWrong() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "pack", "--format", "!I", "--values", "[-1]");
        assertEquals(2, run.exitCode(30));
        assertTrue(run.err().contains("cannot pack"), run.err());
    }

    @Test
    void codecsListsRawStructAndText() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "codecs");
        assertEquals(0, run.exitCode(30), run.err());
        List<String> names = run.out().lines().map(line -> line.split("\\s+", 2)[0]).toList();
        assertTrue(names.containsAll(List.of("raw", "struct", "text")), run.out());
    }

    static void assertOneLine(String err, String prefix) {
        String text = err.strip();
        assertTrue(text.startsWith(prefix), "starts with '" + prefix + "': " + err);
        assertFalse(text.contains("\n"), "one line: " + err);
        assertFalse(text.contains("Exception"), "no exception names: " + err);
    }
}
