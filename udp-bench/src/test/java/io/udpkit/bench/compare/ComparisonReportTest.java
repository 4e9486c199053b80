package io.udpkit.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {

    private static ThroughputRun run(String peer, long perSecond, long sent, long received) {
        // CPU: 1,000 ns user + 500 ns sys per datagram for every receiver but udpkit (2x) and c-recvmmsg (0.5x).
        long scale = peer.equals("udpkit") ? 2 : 1;
        LoopCpu cpu = peer.equals("c-recvmmsg") ? new LoopCpu(received * 500, received * 250, received)
                : new LoopCpu(received * 1_000 * scale, received * 500 * scale, received);
        // Steady window, over half the datagrams: 300 + 100 ns, udpkit 400 + 200 ns, c-recvmmsg 150 + 50 ns.
        long steadyCount = received / 2;
        LoopCpu steady = switch (peer) {
            case "udpkit" -> new LoopCpu(steadyCount * 400, steadyCount * 200, steadyCount);
            case "c-recvmmsg" -> new LoopCpu(steadyCount * 150, steadyCount * 50, steadyCount);
            default -> new LoopCpu(steadyCount * 300, steadyCount * 100, steadyCount);
        };
        return new ThroughputRun(peer, sent, 2_000_000_000L, received, perSecond, 1_000_000_000L, false, cpu,
                steady);
    }

    private static RoundTripRun rtt(String server, double p99) {
        RttSummary summary = new RttSummary(100, 0, 10, p99, 2 * p99, 3 * p99);
        return new RoundTripRun(server, "c", summary, summary, new LoopCpu(100_000, 200_000, 100), 7);
    }

    private static ComparisonReport report() {
        return new ComparisonReport(Map.of("cpu", "test"), Map.of("warmupTrips", 20_000),
                List.of(run("c-recvfrom", 1_000, 2_000, 1_000), run("c-recvmmsg", 1_000, 1_000, 1_000),
                        run("udpkit", 700, 2_000, 700),
                        run("c-recvfrom", 900, 2_000, 900), run("udpkit", 950, 2_000, 950),
                        run("c-recvfrom", 1_100, 2_000, 1_100), run("udpkit", 800, 2_000, 800)),
                List.of(rtt("c", 20), rtt("udpkit", 23)), List.of("a note"));
    }

    @Test
    void throughputIsTheMedianOfRunsAndItsRatioToTheCRecvfromMedian() {
        List<ComparisonReport.PeerThroughput> peers = report().throughput();

        assertEquals("c-recvfrom", peers.get(0).peer());
        assertEquals(1_000, peers.get(0).medianDatagramsPerSecond(), 1e-9);
        assertEquals(1.0, peers.get(0).ratioToBaseline(), 1e-9);
        assertEquals("udpkit", peers.get(2).peer());
        assertEquals(800, peers.get(2).medianDatagramsPerSecond(), 1e-9);
        assertEquals(0.8, peers.get(2).ratioToBaseline(), 1e-9);
        assertEquals(60.0, peers.get(2).medianLossPercent(), 1e-9);
        assertEquals(1_000, peers.get(2).medianSentPerSecond(), 1e-9);
    }

    @Test
    void cpuPerDatagramIsUserPlusSysOverReceivedWithRatiosToBothCLoops() {
        ComparisonReport.PeerThroughput udpkit = report().throughput().get(2);

        assertEquals(3_000, udpkit.medianCpuNanosPerDatagram(), 1e-9);
        assertEquals(2_000, udpkit.medianUserNanosPerDatagram(), 1e-9);
        assertEquals(1_000, udpkit.medianSysNanosPerDatagram(), 1e-9);
        assertEquals(2.0, udpkit.cpuRatioToRecvfrom(), 1e-9);
        assertEquals(4.0, udpkit.cpuRatioToRecvmmsg(), 1e-9);
    }

    @Test
    void cpuIsUnknownWhenThePeerDidNotReportIt() {
        JsonNode result = new ObjectMapper().createObjectNode().put("received", 10);
        ThroughputRun silent = new ThroughputRun("python", 10, 1, 10, 10, 1, false, LoopCpu.fromPeerResult(result),
                LoopCpu.steadyFromPeerResult(result));
        ComparisonReport report = new ComparisonReport(Map.of(), Map.of(), List.of(silent), List.of(), List.of());

        assertTrue(Double.isNaN(report.throughput().get(0).medianCpuNanosPerDatagram()));
        assertTrue(report.table().contains(" - "), report.table());
    }

    @Test
    void steadyCpuPerDatagramIsTheMedianOverTheSteadyWindowsWithRatiosToTheCLoopsSteadyFigures() {
        ComparisonReport.PeerThroughput udpkit = report().throughput().get(2);

        assertEquals(600, udpkit.steadyCpu().nanos(), 1e-9);
        assertEquals(400, udpkit.steadyCpu().userNanos(), 1e-9);
        assertEquals(200, udpkit.steadyCpu().sysNanos(), 1e-9);
        assertEquals(1.5, udpkit.steadyCpu().ratioToRecvfrom(), 1e-9);
        assertEquals(3.0, udpkit.steadyCpu().ratioToRecvmmsg(), 1e-9);
        assertEquals(3_000, udpkit.medianCpuNanosPerDatagram(), 1e-9);
    }

    @Test
    void aResultLineWithSteadyFieldsGivesTheSteadyWindowAndOneWithoutLeavesItUnknown(@TempDir Path dir)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode sent = json.readTree("{\"sent\":400000,\"nanos\":1000000000}");
        ThroughputRun steady = ThroughputTrial.toRun("c-recvfrom", sent, json.readTree(
                "{\"received\":362144,\"maxSeq\":362144,\"windowCount\":361983,\"windowNanos\":900000000,"
                        + "\"timedOut\":false,\"cpuUserNanos\":362144000,\"cpuSysNanos\":724288000,"
                        + "\"steadyCount\":100000,\"steadyCpuUserNanos\":50000000,\"steadyCpuSysNanos\":70000000}"));
        ThroughputRun whole = ThroughputTrial.toRun("python", sent, json.readTree(
                "{\"received\":1000,\"maxSeq\":1000,\"windowCount\":767,\"windowNanos\":900000,"
                        + "\"timedOut\":false,\"cpuUserNanos\":3000000,\"cpuSysNanos\":1000000}"));

        assertEquals(new LoopCpu(50_000_000, 70_000_000, 100_000), steady.steadyCpu());
        assertEquals(1_200, steady.steadyCpu().nanosPerDatagram(), 1e-9);
        assertEquals(3_000, steady.cpu().nanosPerDatagram(), 1e-9);
        assertFalse(whole.steadyCpu().known());
        assertEquals(4_000, whole.cpu().nanosPerDatagram(), 1e-9);

        ComparisonReport report = new ComparisonReport(Map.of(), Map.of(), List.of(steady, whole), List.of(),
                List.of());
        String table = report.table();
        assertTrue(table.contains("st ns/dg"), table);
        assertTrue(table.matches(
                "(?s).*c-recvfrom +\\| +3000 +1000 +2000 +1\\.00x +- \\| +1200 +500 +700 +1\\.00x +-\\R.*"), table);
        assertTrue(table.matches("(?s).*python +\\| +4000 +3000 +1000 +1\\.33x +- \\| +- +- +- +- +-\\R.*"),
                table);
        Path file = dir.resolve("results.json");
        report.writeJson(file);
        JsonNode peers = json.readTree(file.toFile()).path("throughput");
        assertEquals(1_200.0, peers.get(0).path("medianSteadyCpuNanosPerDatagram").asDouble(), 1e-9);
        assertEquals(100_000, peers.get(0).path("runs").get(0).path("steadyCount").asLong());
        assertEquals(50_000_000, peers.get(0).path("runs").get(0).path("steadyCpuUserNanos").asLong());
        assertEquals(1_200.0, peers.get(0).path("runs").get(0).path("steadyCpuNanosPerDatagram").asDouble(), 1e-9);
        assertTrue(peers.get(1).path("medianSteadyCpuNanosPerDatagram").isNull(), peers.get(1).toString());
        assertTrue(peers.get(1).path("steadyCpuRatioToCRecvfrom").isNull(), peers.get(1).toString());
        assertFalse(peers.get(1).path("runs").get(0).has("steadyCount"), peers.get(1).toString());
    }

    @Test
    void ratiosAreMissingWithoutTheBaselinePeer() {
        ComparisonReport report = new ComparisonReport(Map.of(), Map.of(), List.of(run("jdk", 500, 500, 500)),
                List.of(), List.of());

        assertTrue(Double.isNaN(report.throughput().get(0).ratioToBaseline()));
    }

    @Test
    void jsonCarriesPerPeerMediansRunsAndRoundTripRatiosToTheCEcho(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");

        report().writeJson(file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode udpkit = root.path("throughput").get(2);
        assertEquals("udpkit", udpkit.path("peer").asText());
        assertEquals(800, udpkit.path("medianDatagramsPerSecond").asLong());
        assertEquals(0.8, udpkit.path("ratioToCRecvfrom").asDouble(), 1e-9);
        assertEquals(3, udpkit.path("runs").size());
        assertEquals(3_000.0, udpkit.path("medianCpuNanosPerDatagram").asDouble(), 1e-9);
        assertEquals(4.0, udpkit.path("cpuRatioToCRecvmmsg").asDouble(), 1e-9);
        assertEquals(3_000.0, udpkit.path("runs").get(0).path("cpuNanosPerDatagram").asDouble(), 1e-9);
        assertEquals(600.0, udpkit.path("medianSteadyCpuNanosPerDatagram").asDouble(), 1e-9);
        assertEquals(400.0, udpkit.path("medianSteadyUserNanosPerDatagram").asDouble(), 1e-9);
        assertEquals(200.0, udpkit.path("medianSteadySysNanosPerDatagram").asDouble(), 1e-9);
        assertEquals(1.5, udpkit.path("steadyCpuRatioToCRecvfrom").asDouble(), 1e-9);
        assertEquals(3.0, udpkit.path("steadyCpuRatioToCRecvmmsg").asDouble(), 1e-9);
        assertEquals(350, udpkit.path("runs").get(0).path("steadyCount").asLong());
        assertEquals(600.0, udpkit.path("runs").get(0).path("steadyCpuNanosPerDatagram").asDouble(), 1e-9);
        JsonNode echo = root.path("roundTrip").get(1);
        assertEquals("udpkit", echo.path("server").asText());
        assertEquals(23.0, echo.path("steady").path("p99Micros").asDouble(), 1e-9);
        assertEquals(1.15, echo.path("steadyP99RatioToC").asDouble(), 1e-9);
        assertEquals(3_000.0, echo.path("serverCpuNanosPerRoundTrip").asDouble(), 1e-9);
        assertEquals(7, echo.path("jitCompilationsWhileServing").asLong());
        assertEquals("a note", root.path("notes").get(0).asText());
    }

    @Test
    void chartIsAPngWithOnePanelPerView(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("compare.png");

        boolean drawn = ComparisonChart.write(report(), png);

        assertTrue(drawn);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(3 * 420, image.getHeight());
        assertTrue(Files.size(png) > 1_000);
    }

    @Test
    void tableNamesEveryPeerWithItsRatio() {
        String table = report().table();

        assertTrue(table.contains("udpkit"), table);
        assertTrue(table.contains("0.80x"), table);
        assertTrue(table.contains("1.15x"), table);
        assertTrue(table.contains("cpu ns/dg"), table);
        assertTrue(table.contains(" 3000 "), table);
    }

    @Test
    void repeatedRoundTripsReportTheMedianOfEachPercentileAndKeepEveryRun(@TempDir Path dir) throws Exception {
        List<RoundTripRun> runs = List.of(rtt("c", 20), rtt("udpkit", 30), rtt("c", 10), rtt("udpkit", 23),
                rtt("c", 40), rtt("udpkit", 100));
        ComparisonReport report = new ComparisonReport(Map.of(), Map.of("warmupTrips", 20_000), List.of(), runs,
                List.of());

        assertEquals(2, report.roundTrips().size());
        RoundTripRun udpkit = report.roundTrips().get(1);
        assertEquals("udpkit", udpkit.server());
        assertEquals(30.0, udpkit.steady().p99Micros(), 1e-9);
        assertEquals(60.0, udpkit.steady().p999Micros(), 1e-9);
        assertEquals(300, udpkit.steady().count());
        assertEquals(3_000.0, udpkit.serverCpu().nanosPerDatagram(), 1e-9);
        Path file = dir.resolve("results.json");
        report.writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile()).path("roundTrip");
        assertEquals(2, json.size());
        assertEquals(3, json.get(1).path("runs").size());
        assertEquals(1.5, json.get(1).path("steadyP99RatioToC").asDouble(), 1e-9);
    }
}
