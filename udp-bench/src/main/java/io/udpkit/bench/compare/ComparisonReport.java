package io.udpkit.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Everything one {@code compare} run measured, summarised per peer (the median of its repeated
 * throughput runs, its ratio to the C {@code recvfrom} loop, round-trip percentiles and their
 * ratio to the C echo server), as JSON and as a text table.
 */
final class ComparisonReport {

    /** The throughput baseline every ratio divides by. */
    static final String THROUGHPUT_BASELINE = "c-recvfrom";
    /** The batched C receiver, the CPU-per-datagram reference of batched receivers. */
    static final String BATCH_BASELINE = "c-recvmmsg";
    /** The echo server every round-trip ratio divides by. */
    static final String ECHO_BASELINE = "c";

    private final Map<String, String> machine;
    private final Map<String, Object> settings;
    private final List<ThroughputRun> throughputRuns;
    /** One entry per server and client: the median of its repeated runs. */
    private final List<RoundTripRun> roundTrips;
    private final List<RoundTripRun> roundTripRuns;
    private final List<String> notes;

    ComparisonReport(Map<String, String> machine, Map<String, Object> settings, List<ThroughputRun> throughputRuns,
                     List<RoundTripRun> roundTrips, List<String> notes) {
        this.machine = machine;
        this.settings = settings;
        this.throughputRuns = List.copyOf(throughputRuns);
        this.roundTripRuns = List.copyOf(roundTrips);
        this.roundTrips = medians(roundTrips);
        this.notes = List.copyOf(notes);
    }

    /**
     * One peer's throughput over its repeats, with its receiving thread's CPU per datagram over the
     * whole loop (user plus system, the median over runs; NaN when the peer did not report it),
     * that CPU as a ratio to the C {@code recvfrom} and C {@code recvmmsg} loops', and the same
     * figures over the steady window ({@code steadyCpu}).
     */
    record PeerThroughput(String peer, double medianDatagramsPerSecond, double medianLossPercent,
                          double medianSentPerSecond, double ratioToBaseline, double medianCpuNanosPerDatagram,
                          double medianUserNanosPerDatagram, double medianSysNanosPerDatagram,
                          double cpuRatioToRecvfrom, double cpuRatioToRecvmmsg, CpuPerDatagram steadyCpu,
                          List<ThroughputRun> runs) {
    }

    /**
     * CPU per datagram over the whole loop or over the steady window (after each loop's first
     * {@value ReceiveTally#STEADY_FROM} datagrams): medians over the runs that measured it, in ns;
     * NaN when none did. The ratios divide by the C loops' same figure.
     */
    record CpuPerDatagram(double nanos, double userNanos, double sysNanos, double ratioToRecvfrom,
                          double ratioToRecvmmsg) {
    }

    /** Per-peer medians in the order peers first ran; ratios are NaN without a baseline. */
    List<PeerThroughput> throughput() {
        Map<String, List<ThroughputRun>> byPeer = new LinkedHashMap<>();
        for (ThroughputRun run : throughputRuns) {
            byPeer.computeIfAbsent(run.peer(), p -> new ArrayList<>()).add(run);
        }
        double baseline = byPeer.containsKey(THROUGHPUT_BASELINE)
                ? median(byPeer.get(THROUGHPUT_BASELINE), ThroughputRun::datagramsPerSecond) : Double.NaN;
        List<ThroughputRun> recvfrom = byPeer.getOrDefault(THROUGHPUT_BASELINE, List.of());
        List<ThroughputRun> recvmmsg = byPeer.getOrDefault(BATCH_BASELINE, List.of());
        List<PeerThroughput> result = new ArrayList<>();
        byPeer.forEach((peer, runs) -> {
            double rate = median(runs, ThroughputRun::datagramsPerSecond);
            CpuPerDatagram whole = cpuPerDatagram(runs, ThroughputRun::cpu, recvfrom, recvmmsg);
            result.add(new PeerThroughput(peer, rate, median(runs, ThroughputRun::lossPercent),
                    median(runs, ThroughputRun::sentPerSecond), baseline > 0 ? rate / baseline : Double.NaN,
                    whole.nanos(), whole.userNanos(), whole.sysNanos(), whole.ratioToRecvfrom(),
                    whole.ratioToRecvmmsg(), cpuPerDatagram(runs, ThroughputRun::steadyCpu, recvfrom, recvmmsg),
                    runs));
        });
        return result;
    }

    /** Per server and client, in the order they first ran: the median of each figure over its runs. */
    List<RoundTripRun> roundTrips() {
        return roundTrips;
    }

    /** Runs of one server and client, by first appearance. */
    private Map<String, List<RoundTripRun>> runsByPair() {
        Map<String, List<RoundTripRun>> byPair = new LinkedHashMap<>();
        for (RoundTripRun run : roundTripRuns) {
            byPair.computeIfAbsent(run.server() + "\u0000" + run.client(), k -> new ArrayList<>()).add(run);
        }
        return byPair;
    }

    private static List<RoundTripRun> medians(List<RoundTripRun> runs) {
        Map<String, List<RoundTripRun>> byPair = new LinkedHashMap<>();
        for (RoundTripRun run : runs) {
            byPair.computeIfAbsent(run.server() + "\u0000" + run.client(), k -> new ArrayList<>()).add(run);
        }
        List<RoundTripRun> result = new ArrayList<>();
        for (List<RoundTripRun> pair : byPair.values()) {
            if (pair.size() == 1) {
                result.add(pair.get(0));
                continue;
            }
            RoundTripRun first = pair.get(0);
            long user = 0;
            long sys = 0;
            long datagrams = 0;
            boolean cpuKnown = true;
            for (RoundTripRun run : pair) {
                cpuKnown &= run.serverCpu().known();
                user += run.serverCpu().userNanos();
                sys += run.serverCpu().sysNanos();
                datagrams += run.serverCpu().datagrams();
            }
            long[] jit = pair.stream().mapToLong(RoundTripRun::jitCompilations).sorted().toArray();
            result.add(new RoundTripRun(first.server(), first.client(), medianSummary(pair, RoundTripRun::warmup),
                    medianSummary(pair, RoundTripRun::steady),
                    cpuKnown ? new LoopCpu(user, sys, datagrams) : LoopCpu.UNKNOWN, jit[jit.length / 2]));
        }
        return List.copyOf(result);
    }

    private static RttSummary medianSummary(List<RoundTripRun> runs,
                                            java.util.function.Function<RoundTripRun, RttSummary> slice) {
        List<RttSummary> all = runs.stream().map(slice).toList();
        return new RttSummary(all.stream().mapToLong(RttSummary::count).sum(),
                all.stream().mapToLong(RttSummary::timeouts).sum(),
                medianOf(all, RttSummary::p50Micros), medianOf(all, RttSummary::p99Micros),
                medianOf(all, RttSummary::p999Micros), medianOf(all, RttSummary::maxMicros));
    }

    private static double medianOf(List<RttSummary> summaries, java.util.function.ToDoubleFunction<RttSummary> f) {
        double[] values = summaries.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The C echo server's run with the same client, if there is one. */
    Optional<RoundTripRun> echoBaseline(String client) {
        return roundTrips.stream()
                .filter(r -> r.server().equals(ECHO_BASELINE) && r.client().equals(client))
                .findFirst();
    }

    void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.set("machine", mapper.valueToTree(machine));
        root.set("settings", mapper.valueToTree(settings));
        ArrayNode throughput = root.putArray("throughput");
        for (PeerThroughput peer : throughput()) {
            ObjectNode node = throughput.addObject();
            node.put("peer", peer.peer());
            node.put("medianDatagramsPerSecond", Math.round(peer.medianDatagramsPerSecond()));
            node.put("medianLossPercent", round(peer.medianLossPercent(), 2));
            node.put("medianSentPerSecond", Math.round(peer.medianSentPerSecond()));
            putRatio(node, "ratioToCRecvfrom", peer.ratioToBaseline());
            putNumber(node, "medianCpuNanosPerDatagram", peer.medianCpuNanosPerDatagram(), 1);
            putNumber(node, "medianUserNanosPerDatagram", peer.medianUserNanosPerDatagram(), 1);
            putNumber(node, "medianSysNanosPerDatagram", peer.medianSysNanosPerDatagram(), 1);
            putRatio(node, "cpuRatioToCRecvfrom", peer.cpuRatioToRecvfrom());
            putRatio(node, "cpuRatioToCRecvmmsg", peer.cpuRatioToRecvmmsg());
            putNumber(node, "medianSteadyCpuNanosPerDatagram", peer.steadyCpu().nanos(), 1);
            putNumber(node, "medianSteadyUserNanosPerDatagram", peer.steadyCpu().userNanos(), 1);
            putNumber(node, "medianSteadySysNanosPerDatagram", peer.steadyCpu().sysNanos(), 1);
            putRatio(node, "steadyCpuRatioToCRecvfrom", peer.steadyCpu().ratioToRecvfrom());
            putRatio(node, "steadyCpuRatioToCRecvmmsg", peer.steadyCpu().ratioToRecvmmsg());
            ArrayNode runs = node.putArray("runs");
            for (ThroughputRun run : peer.runs()) {
                ObjectNode one = runs.addObject()
                        .put("sent", run.sent())
                        .put("sendNanos", run.sendNanos())
                        .put("received", run.received())
                        .put("lost", run.lost())
                        .put("lossPercent", round(run.lossPercent(), 2))
                        .put("datagramsPerSecond", Math.round(run.datagramsPerSecond()))
                        .put("windowCount", run.windowCount())
                        .put("windowNanos", run.windowNanos())
                        .put("timedOut", run.timedOut())
                        .put("cpuUserNanos", run.cpu().userNanos())
                        .put("cpuSysNanos", run.cpu().sysNanos());
                putNumber(one, "cpuNanosPerDatagram", run.cpu().nanosPerDatagram(), 1);
                if (run.steadyCpu().known()) {
                    one.put("steadyCount", run.steadyCpu().datagrams())
                            .put("steadyCpuUserNanos", run.steadyCpu().userNanos())
                            .put("steadyCpuSysNanos", run.steadyCpu().sysNanos());
                }
                putNumber(one, "steadyCpuNanosPerDatagram", run.steadyCpu().nanosPerDatagram(), 1);
            }
        }
        ArrayNode rtt = root.putArray("roundTrip");
        for (RoundTripRun run : roundTrips) {
            ObjectNode node = rtt.addObject();
            node.put("server", run.server());
            node.put("client", run.client());
            node.set("warmup", mapper.valueToTree(summaryMap(run.warmup())));
            node.set("steady", mapper.valueToTree(summaryMap(run.steady())));
            Optional<RoundTripRun> base = echoBaseline(run.client());
            node.put("serverCpuUserNanos", run.serverCpu().userNanos());
            node.put("serverCpuSysNanos", run.serverCpu().sysNanos());
            putNumber(node, "serverCpuNanosPerRoundTrip", run.serverCpu().nanosPerDatagram(), 1);
            node.put("jitCompilationsWhileServing", run.jitCompilations());
            putRatio(node, "warmupP999RatioToC", base.map(b -> run.warmup().p999Micros() / b.warmup().p999Micros())
                    .orElse(Double.NaN));
            putRatio(node, "steadyP99RatioToC", base.map(b -> run.steady().p99Micros() / b.steady().p99Micros())
                    .orElse(Double.NaN));
            putRatio(node, "steadyP999RatioToC", base.map(b -> run.steady().p999Micros() / b.steady().p999Micros())
                    .orElse(Double.NaN));
            ArrayNode each = node.putArray("runs");
            for (RoundTripRun single : runsByPair().get(run.server() + "\u0000" + run.client())) {
                ObjectNode one = each.addObject();
                one.set("warmup", mapper.valueToTree(summaryMap(single.warmup())));
                one.set("steady", mapper.valueToTree(summaryMap(single.steady())));
                putNumber(one, "serverCpuNanosPerRoundTrip", single.serverCpu().nanosPerDatagram(), 1);
                one.put("jitCompilationsWhileServing", single.jitCompilations());
            }
        }
        ArrayNode noteArray = root.putArray("notes");
        notes.forEach(noteArray::add);
        mapper.writeValue(file.toFile(), root);
    }

    /** The human-readable summary {@code compare} prints at the end. */
    String table() {
        StringBuilder out = new StringBuilder();
        List<PeerThroughput> throughput = throughput();
        if (!throughput.isEmpty()) {
            out.append(String.format("%nThroughput (22-byte records, median of %d runs)%n",
                    throughput.get(0).runs().size()));
            out.append(String.format("%-26s %14s %8s %10s %14s%n", "receiver", "datagrams/s",
                    "loss %", "vs C recv", "sender sent/s"));
            for (PeerThroughput peer : throughput) {
                out.append(String.format("%-26s %,14.0f %8.2f %10s %,14.0f%n", peer.peer(),
                        peer.medianDatagramsPerSecond(), peer.medianLossPercent(), ratio(peer.ratioToBaseline()),
                        peer.medianSentPerSecond()));
            }
            out.append(String.format("%nReceiving thread's CPU per datagram, ns (median of runs): whole receive loop"
                    + " | steady, after the first %,d datagrams%n", ReceiveTally.STEADY_FROM));
            String cpuColumns = "%-26s | %9s %7s %7s %8s %8s | %9s %7s %7s %8s %8s%n";
            out.append(String.format(cpuColumns, "receiver", "cpu ns/dg", "user", "sys", "cpu/C rf", "cpu/C mm",
                    "st ns/dg", "st user", "st sys", "st/C rf", "st/C mm"));
            for (PeerThroughput peer : throughput) {
                CpuPerDatagram steady = peer.steadyCpu();
                out.append(String.format(cpuColumns, peer.peer(), nanos(peer.medianCpuNanosPerDatagram()),
                        nanos(peer.medianUserNanosPerDatagram()), nanos(peer.medianSysNanosPerDatagram()),
                        ratio(peer.cpuRatioToRecvfrom()), ratio(peer.cpuRatioToRecvmmsg()),
                        nanos(steady.nanos()), nanos(steady.userNanos()), nanos(steady.sysNanos()),
                        ratio(steady.ratioToRecvfrom()), ratio(steady.ratioToRecvmmsg())));
            }
            out.append("cpu ns/dg: the receiving thread's CPU (user + sys) per datagram over its whole loop,"
                    + " start-up and JIT warm-up included;").append(System.lineSeparator())
                    .append(String.format("st ns/dg: the same after each loop's first %,d datagrams (loops summed;"
                            + " - if fewer arrived). C rf, C mm: ratio to C recvfrom, C recvmmsg",
                            ReceiveTally.STEADY_FROM))
                    .append(System.lineSeparator());
        }
        if (!roundTrips.isEmpty()) {
            out.append(String.format("%nRound trip, microseconds (warm-up = first %s trips after server start;"
                            + " median of %d run(s) each)%n", settings.getOrDefault("warmupTrips", "?"),
                    runsByPair().values().stream().mapToInt(List::size).max().orElse(0)));
            out.append(String.format("%-17s %-7s | %8s %8s %9s %9s | %8s %8s %9s %9s | %7s %7s %7s | %9s %5s%n",
                    "server", "client", "wu p50", "wu p99", "wu p999", "wu max",
                    "p50", "p99", "p999", "max", "wu999/C", "p99/C", "p999/C", "cpu ns/rt", "JIT"));
            List<RoundTripRun> sorted = new ArrayList<>(roundTrips);
            sorted.sort(Comparator.comparing(RoundTripRun::client));
            for (RoundTripRun run : sorted) {
                Optional<RoundTripRun> base = echoBaseline(run.client());
                out.append(String.format("%-17s %-7s | %8.1f %8.1f %9.1f %9.1f | %8.1f %8.1f %9.1f %9.1f | %7s %7s %7s"
                                + " | %9s %5s%n",
                        run.server(), run.client(),
                        run.warmup().p50Micros(), run.warmup().p99Micros(), run.warmup().p999Micros(),
                        run.warmup().maxMicros(),
                        run.steady().p50Micros(), run.steady().p99Micros(), run.steady().p999Micros(),
                        run.steady().maxMicros(),
                        ratio(base.map(b -> run.warmup().p999Micros() / b.warmup().p999Micros()).orElse(Double.NaN)),
                        ratio(base.map(b -> run.steady().p99Micros() / b.steady().p99Micros()).orElse(Double.NaN)),
                        ratio(base.map(b -> run.steady().p999Micros() / b.steady().p999Micros()).orElse(Double.NaN)),
                        nanos(run.serverCpu().nanosPerDatagram()),
                        run.jitCompilations() < 0 ? "-" : Long.toString(run.jitCompilations())));
            }
        }
        for (String note : notes) {
            out.append("note: ").append(note).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static Map<String, Object> summaryMap(RttSummary s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", s.count());
        map.put("timeouts", s.timeouts());
        map.put("p50Micros", round(s.p50Micros(), 1));
        map.put("p99Micros", round(s.p99Micros(), 1));
        map.put("p999Micros", round(s.p999Micros(), 1));
        map.put("maxMicros", round(s.maxMicros(), 1));
        return map;
    }

    private static void putRatio(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, round(value, 3));
        } else {
            node.putNull(field);
        }
    }

    private static void putNumber(ObjectNode node, String field, double value, int places) {
        if (Double.isFinite(value)) {
            node.put(field, round(value, places));
        } else {
            node.putNull(field);
        }
    }

    private static String nanos(double value) {
        return Double.isFinite(value) ? String.format("%.0f", value) : "-";
    }

    private static String ratio(double value) {
        return Double.isFinite(value) ? String.format("%.2fx", value) : "-";
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    /**
     * One CPU figure ({@code which}: the whole loop's or the steady window's) per datagram, the
     * median over the runs that know it, and its ratio to the C loops' same figure.
     */
    private static CpuPerDatagram cpuPerDatagram(List<ThroughputRun> runs, Function<ThroughputRun, LoopCpu> which,
                                                 List<ThroughputRun> recvfrom, List<ThroughputRun> recvmmsg) {
        double nanos = medianCpu(runs, which, LoopCpu::nanosPerDatagram);
        return new CpuPerDatagram(nanos, medianCpu(runs, which, LoopCpu::userNanosPerDatagram),
                medianCpu(runs, which, LoopCpu::sysNanosPerDatagram),
                nanos / medianCpu(recvfrom, which, LoopCpu::nanosPerDatagram),
                nanos / medianCpu(recvmmsg, which, LoopCpu::nanosPerDatagram));
    }

    /** The median of {@code f} over the runs whose CPU figure {@code which} is known; NaN when none is. */
    private static double medianCpu(List<ThroughputRun> runs, Function<ThroughputRun, LoopCpu> which,
                                    ToDoubleFunction<LoopCpu> f) {
        List<ThroughputRun> known = runs.stream().filter(r -> which.apply(r).known()).toList();
        return known.isEmpty() ? Double.NaN : median(known, r -> f.applyAsDouble(which.apply(r)));
    }

    private static double median(List<ThroughputRun> runs, java.util.function.ToDoubleFunction<ThroughputRun> f) {
        double[] values = runs.stream().mapToDouble(f).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
