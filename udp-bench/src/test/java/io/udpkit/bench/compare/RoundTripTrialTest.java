package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTrialTest {

    @Test
    void jitCompilationsAreCountedAfterTheLastServingMarkOnly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("rtt.log");
        Files.write(log, List.of(
                "    101    1       3       java.lang.String::hashCode (60 bytes)",
                PeerProcess.SERVING_MARK,
                "    201    2       4       java.lang.String::equals (56 bytes)",
                "09:22:35.111 WARN  io.udpkit.core.UdpEndpoint - undecodable datagram",
                PeerProcess.SERVING_MARK,
                "    301    3       3       io.udpkit.core.ReceiveLoop::dispatch (250 bytes)",
                "    302    4 %     4       io.udpkit.core.ReceiveLoop::run @ 40 (300 bytes)",
                "    303    5     n 0       java.lang.invoke.MethodHandle::linkToStatic(LL)V (native)   (static)",
                "09:22:36.000 INFO  io.udpkit.server.UdpServer - stopped"));

        assertEquals(3, RoundTripTrial.compilationsAfterLastMark(log));
    }

    @Test
    void noMarkMeansNotCounted(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("rtt.log");
        Files.write(log, List.of("    101    1       3       java.lang.String::hashCode (60 bytes)"));

        assertEquals(-1, RoundTripTrial.compilationsAfterLastMark(log));
    }
}
