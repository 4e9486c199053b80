package io.udpkit.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.udpkit.cli.testing.CliRun;
import io.udpkit.testkit.PythonProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code udp-client send --codec json} and {@code codecs} against a CPython JSON peer. */
class JsonSendCommandTest {

    @Test
    void jsonValuesReachAPythonPeerAndItsJsonReplyIsDecodedWithTheSameCodec() throws Exception {
        PythonProcess peer = PythonProcess.start("json_echo_peer.py");
        String port = peer.nextLine(60).substring("port ".length());
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--port", port, "--codec", "json",
                "--values", "{\"a\": 1, \"big\": 18446744073709551615, \"s\": \"caf\u00e9\", \"l\": [2.5, null]}",
                "--wait-reply", "--timeout", "30");
        assertEquals(0, run.exitCode(60), run.err());
        String expected = peer.nextLine(60);
        assertTrue(expected.startsWith("{\"got\":{\"a\":1,\"big\":18446744073709551615,"), expected);
        assertEquals(expected + "\n", run.out(), "the reply as CPython's json.dumps writes it");
        assertEquals(0, peer.waitFor(60), peer.stderr());
    }

    @Test
    void codecsListsJson() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "codecs");
        assertEquals(0, run.exitCode(30), run.err());
        List<String> names = run.out().lines().map(line -> line.split("\\s+", 2)[0]).toList();
        assertEquals(List.of("json", "raw", "struct", "text"), names);
    }

    @Test
    void jsonCodecWithASpecIsOneLineAndExitCodeTwo() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--codec", "json", "--codec-spec",
                "com.example.Order", "--values", "{}");
        assertEquals(2, run.exitCode(30), run.err());
        UdpClientCommandTest.assertOneLine(run.err(), "udp-client: bad --codec: the json codec takes no spec");
    }

    @Test
    void unknownCodecListsTheAvailableNames() throws Exception {
        CliRun run = CliRun.run(new UdpClientCommand(), "send", "--codec", "nope", "--values", "1");
        assertEquals(2, run.exitCode(30), run.err());
        UdpClientCommandTest.assertOneLine(run.err(), "udp-client: ");
        assertTrue(run.err().contains("json, raw, struct, text"), run.err());
    }
}
