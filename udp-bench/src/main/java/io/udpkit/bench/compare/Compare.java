package io.udpkit.bench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: udpkit's loopback receive and round-trip benchmark against C, the plain JDK,
 * Netty and Python, side by side in one run.
 *
 * <p>Throughput: each receiver in turn, pinned to core 1, counts 22-byte {@code ! I 2s Q 2h f}
 * records that a C {@code sendmmsg} sender on core 0 blasts at it for {@code --seconds}; repeated
 * {@code --repeats} times, peers interleaved. Round trip: each echo server, freshly started on
 * core 1, answers a ping-pong client on core 0 (the C client, then udpkit's); the first
 * {@code --warmup-trips} round trips and the next {@code --steady-trips} are reported apart.
 * Only 127.0.0.1 is used. Writes {@code results.json} and {@code compare.png} to {@code --out}.
 *
 * <p>Usage: {@code java -cp udp-bench.jar io.udpkit.bench.compare.Compare [options]}; exit code 0
 * when every run completed, 1 when any failed or nothing ran, 2 on a usage error.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, version = "udp-bench compare 0.1",
        description = "Loopback throughput and round-trip comparison of udpkit with C, the JDK, Netty and Python.")
public final class Compare implements Callable<Integer> {

    /** Every peer's name, in the order they run: receivers, then the C echo server ({@code c}). */
    static final List<String> PEER_NAMES = List.of("c-recvfrom", "c-recvmmsg", "c-recvmmsg-from", "c",
            "jdk", "netty", "netty-recvmmsg", "python",
            "udpkit", "udpkit-nio", "udpkit-nio-receive", "udpkit-batch", "udpkit-batch-2k",
            "udpkit-threads2", "udpkit-threads2-both-cores", "udpkit-warmup", "udpkit-spin",
            "udpkit-aot", "udpkit-aot-warmup");
    /** The ping clients' names. */
    static final List<String> CLIENT_NAMES = List.of("c", "udpkit");
    /** The peers every ratio divides by: they run even when {@code --only} leaves them out. */
    static final Set<String> BASELINES = Set.of(ComparisonReport.THROUGHPUT_BASELINE, ComparisonReport.ECHO_BASELINE);

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", description = "Sending time of each throughput run, s (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--repeats", defaultValue = "3", description = "Throughput runs per receiver; the median is reported (default ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--rtt-repeats", defaultValue = "1", description = "Round-trip runs per server and client;"
            + " the median of each percentile is reported (default ${DEFAULT-VALUE}).")
    private int rttRepeats;

    @Option(names = "--warmup-trips", defaultValue = "20000", description = "Round trips reported as warm-up, right after server start (default ${DEFAULT-VALUE}).")
    private int warmupTrips;

    @Option(names = "--steady-trips", defaultValue = "100000", description = "Round trips reported as steady state, after the warm-up ones (default ${DEFAULT-VALUE}).")
    private int steadyTrips;

    @Option(names = "--rcvbuf", defaultValue = "4194304", description = "SO_RCVBUF every receiver requests, bytes (default ${DEFAULT-VALUE}; capped by net.core.rmem_max).")
    private int rcvbufBytes;

    @Option(names = "--out", description = "Output directory (default udp-bench/target/compare, or target/compare outside the repository root).")
    private Path out;

    @Option(names = "--only", split = ",", description = "Run only these peers, plus the C baselines c-recvfrom"
            + " and c (echo): ${COMPLETION-CANDIDATES}.",
            completionCandidates = PeerNames.class)
    private Set<String> only;

    @Option(names = "--skip-throughput", description = "Skip the throughput runs.")
    private boolean skipThroughput;

    @Option(names = "--skip-rtt", description = "Skip the round-trip runs.")
    private boolean skipRoundTrip;

    @Option(names = "--jfr", description = "Record each JVM peer and client with Java Flight Recorder into <out>/jfr"
            + " (the last run of each; for profiling a miss, not for the reported figures).")
    private boolean jfr;

    @Option(names = "--java", description = "The java executable of the JVM peers and client (default: the one"
            + " running compare), e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java.")
    private Path java;

    @Option(names = "--clients", split = ",", description = "Ping clients of the round-trip runs (default: all):"
            + " c, udpkit.")
    private List<String> clientNames;

    @Option(names = "--aot-training-trips", defaultValue = "50000", description = "Round trips of the training run"
            + " that makes the udpkit-aot rows' AOT cache, when the peers' JDK is 25 or later; 0 leaves those rows"
            + " out (default ${DEFAULT-VALUE}).")
    private int aotTrainingTrips;

    @Option(names = "--receiver-cpu", description = "Limit each throughput receiver to this share of one"
            + " core, 1..100 %% (a CFS CPU quota in a cgroup; needs root), so that the receiver, not the"
            + " sender, limits the rate: datagrams queue while it is throttled and each wake-up drains a batch."
            + " Default: no limit.")
    private Integer receiverCpuPercent;

    @Option(names = "--python", defaultValue = "${sys:udpkit.python:-python3}", description = "Python interpreter (default ${DEFAULT-VALUE}).")
    private String python;

    /**
     * Runs the comparison.
     *
     * @param args the command line; see {@code --help}
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new Compare());
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("compare: " + e.getMessage());
            return 2;
        });
        cli.setExecutionExceptionHandler((e, ignored, result) -> {
            cli.getErr().println("compare: " + e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    /**
     * Runs every selected measurement and writes the results.
     *
     * @return the exit code: 0 when every run completed, 1 otherwise
     * @throws IOException if the output directory cannot be written
     * @throws InterruptedException if interrupted
     */
    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        PrintWriter console = spec.commandLine().getOut();
        Path dir = Files.createDirectories(out != null ? out
                : Files.isDirectory(Path.of("udp-bench")) ? Path.of("udp-bench", "target", "compare")
                : Path.of("target", "compare"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<String> notes = new ArrayList<>();
        // Other processes share the cores on some machines: the load average says how busy it was.
        String loadAtStart = readFirstLine(Path.of("/proc/loadavg"));

        PeerPrograms programs = PeerPrograms.prepare(dir.resolve("peers"), python);
        notes.addAll(programs.notes());
        CorePinning pinning = CorePinning.detect(logs.resolve("taskset.log"));
        if (!pinning.pinned()) {
            notes.add("taskset does not work here: processes are not pinned to cores");
        }
        Path jfrDir = jfr ? Files.createDirectories(dir.resolve("jfr")) : null;
        PeerCatalog.JavaLauncher launcher = new PeerCatalog.JavaLauncher(
                java != null ? java.toString() : PeerCatalog.JavaLauncher.currentJava(), jfrDir);
        String peerJdk = peerJdk(launcher, logs);
        Path aotCache = trainAotCache(launcher, peerJdk, programs, pinning, dir, notes, console);
        List<PingClient> clients = PeerCatalog.clients(programs, launcher).stream()
                .filter(c -> clientNames == null || clientNames.contains(c.name())).toList();
        List<Peer> peers = PeerCatalog.peers(programs, launcher, aotCache).stream()
                .filter(p -> only == null || only.contains(p.name()) || BASELINES.contains(p.name())).toList();
        console.printf("compare: %d peers, about %d s; output in %s%n", peers.size(),
                estimateSeconds(peers, clients.size()), dir.toAbsolutePath());
        console.flush();

        int failures = 0;
        List<ThroughputRun> throughput = new ArrayList<>();
        ReceiverCpuQuota quota = receiverCpuPercent == null || skipThroughput ? null
                : ReceiverCpuQuota.create(receiverCpuPercent);
        if (quota != null) {
            notes.add("throughput receivers limited to " + quota);
            console.printf("compare: throughput receivers limited to %s%n", quota);
        }
        if (!skipThroughput && programs.blast().isPresent()) {
            ThroughputTrial trial = new ThroughputTrial(programs.blast().get(), pinning, quota, seconds,
                    rcvbufBytes, logs);
            for (int r = 1; r <= repeats; r++) {
                for (Peer peer : peers) {
                    if (!peer.sinks()) {
                        continue;
                    }
                    try {
                        ThroughputRun run = trial.run(peer);
                        throughput.add(run);
                        console.printf("throughput %d/%d %-15s %,12.0f datagrams/s  loss %6.2f %%%s%n", r, repeats,
                                peer.name(), run.datagramsPerSecond(), run.lossPercent(),
                                run.timedOut() ? "  (stopped by its time limit)" : "");
                    } catch (IOException e) {
                        failures++;
                        notes.add("throughput run " + r + " of " + peer.name() + " failed: " + e.getMessage());
                        console.printf("throughput %d/%d %-15s FAILED: %s%n", r, repeats, peer.name(), e.getMessage());
                    }
                    console.flush();
                }
            }
        }

        if (quota != null) {
            quota.close();
        }

        List<RoundTripRun> roundTrips = new ArrayList<>();
        if (!skipRoundTrip) {
            int maxSeconds = 60 + (warmupTrips + steadyTrips) / 1000;
            RoundTripTrial trial = new RoundTripTrial(pinning, warmupTrips, steadyTrips, maxSeconds, rcvbufBytes, logs);
            for (int r = 1; r <= rttRepeats; r++) {
                for (PingClient client : clients) {
                    for (Peer server : peers) {
                        if (!server.echoes()) {
                            continue;
                        }
                        try {
                            RoundTripRun run = trial.run(server, client);
                            roundTrips.add(run);
                            console.printf("round trip %-7s <- %-7s warm-up p99.9 %9.1f us   steady p50 %7.1f p99 %7.1f"
                                            + " p99.9 %8.1f us%n", server.name(), client.name(), run.warmup().p999Micros(),
                                    run.steady().p50Micros(), run.steady().p99Micros(), run.steady().p999Micros());
                        } catch (IOException e) {
                            failures++;
                            notes.add("round trip " + server.name() + " <- " + client.name() + " failed: " + e.getMessage());
                            console.printf("round trip %-7s <- %-7s FAILED: %s%n", server.name(), client.name(),
                                    e.getMessage());
                        }
                        console.flush();
                    }
                }
            }
        }

        Map<String, String> machine = machine(programs, pinning);
        machine.put("peerJdk", peerJdk);
        machine.put("loadAverageAtStart", loadAtStart);
        machine.put("loadAverageAtEnd", readFirstLine(Path.of("/proc/loadavg")));
        ComparisonReport report = new ComparisonReport(machine, settings(peers), throughput,
                roundTrips, notes);
        Path json = dir.resolve("results.json");
        report.writeJson(json);
        Path png = dir.resolve("compare.png");
        boolean drawn = ComparisonChart.write(report, png);
        console.print(report.table());
        console.printf("%nresults: %s%s%n", json.toAbsolutePath(), drawn ? "\nchart:   " + png.toAbsolutePath() : "");
        console.flush();
        return failures == 0 && (!throughput.isEmpty() || !roundTrips.isEmpty()) ? 0 : 1;
    }

    /** The JVM peers' JDK, as {@link JvmVersion} prints it; fails if that java does not run. */
    private String peerJdk(PeerCatalog.JavaLauncher launcher, Path logs) throws IOException, InterruptedException {
        List<String> out = ChildProcess.run("java -version", launcher.command("jvm-version", "JvmVersion", "client"),
                logs.resolve("java-version.log"), Duration.ofSeconds(60));
        if (out.isEmpty()) {
            throw new IOException(launcher.java() + " printed no version");
        }
        return out.get(0).trim();
    }

    /** Trains the udpkit peer's AOT cache when the peers' JDK has one (25+); null when not. */
    private Path trainAotCache(PeerCatalog.JavaLauncher launcher, String peerJdk, PeerPrograms programs,
                               CorePinning pinning, Path dir, List<String> notes, PrintWriter console)
            throws IOException, InterruptedException {
        boolean wanted = only == null || only.contains("udpkit-aot") || only.contains("udpkit-aot-warmup");
        if (skipRoundTrip || aotTrainingTrips == 0 || !wanted) {
            return null;
        }
        int feature = Integer.parseInt(peerJdk.substring(0, peerJdk.indexOf(' ')));
        if (feature < 25 || programs.ping().isEmpty()) {
            notes.add("udpkit-aot rows left out: " + (feature < 25 ? "the peers' JDK " + feature
                    + " has no -XX:AOTCacheOutput (25+; see --java)" : "no C ping client to train with"));
            return null;
        }
        console.printf("AOT training: udpkit echo peer with -XX:AOTCacheOutput, %,d round trips%n", aotTrainingTrips);
        console.flush();
        try {
            Path cache = AotTraining.train(launcher, programs.ping().get(), pinning, aotTrainingTrips, rcvbufBytes,
                    Files.createDirectories(dir.resolve("aot")));
            notes.add("udpkit-aot rows: AOT cache " + Files.size(cache) / 1024 + " KiB from a training run of "
                    + aotTrainingTrips + " round trips against the C ping client (the measured workload itself)");
            return cache;
        } catch (IOException e) {
            notes.add("udpkit-aot rows left out: " + e.getMessage());
            return null;
        }
    }

    private void validate() {
        check(seconds >= 1 && seconds <= 120, "--seconds must be 1..120: " + seconds);
        check(repeats >= 1 && repeats <= 20, "--repeats must be 1..20: " + repeats);
        check(rttRepeats >= 1 && rttRepeats <= 20, "--rtt-repeats must be 1..20: " + rttRepeats);
        check(warmupTrips >= 1 && warmupTrips <= 1_000_000, "--warmup-trips must be 1..1000000: " + warmupTrips);
        check(steadyTrips >= 1 && steadyTrips <= 10_000_000, "--steady-trips must be 1..10000000: " + steadyTrips);
        check(rcvbufBytes >= 0, "--rcvbuf must not be negative: " + rcvbufBytes);
        check(receiverCpuPercent == null || receiverCpuPercent >= 1 && receiverCpuPercent <= 100,
                "--receiver-cpu must be 1..100: " + receiverCpuPercent);
        check(aotTrainingTrips >= 0 && aotTrainingTrips <= 10_000_000,
                "--aot-training-trips must be 0..10000000: " + aotTrainingTrips);
        check(java == null || Files.isExecutable(java), "--java is not an executable file: " + java);
        if (clientNames != null) {
            List<String> unknown = clientNames.stream().filter(n -> !CLIENT_NAMES.contains(n)).toList();
            check(unknown.isEmpty(), "unknown client " + unknown + "; known: " + String.join(",", CLIENT_NAMES));
        }
        if (only != null) {
            Set<String> unknown = only.stream().filter(n -> !PEER_NAMES.contains(n)).collect(Collectors.toSet());
            check(unknown.isEmpty(), "unknown peer " + unknown + "; known: " + String.join(",", PEER_NAMES));
        }
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    private long estimateSeconds(List<Peer> peers, int clients) {
        long sinks = peers.stream().filter(Peer::sinks).count();
        long echoes = peers.stream().filter(Peer::echoes).count();
        long throughputSeconds = skipThroughput ? 0 : sinks * repeats * (seconds + 2L);
        // Loopback round trips take ~20-60 us; a JVM client or server adds ~1 s of start-up.
        long roundTripSeconds = skipRoundTrip ? 0
                : rttRepeats * echoes * clients * (2 + (warmupTrips + steadyTrips) / 20_000L);
        return throughputSeconds + roundTripSeconds;
    }

    private Map<String, Object> settings(List<Peer> peers) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>();
        peers.forEach(p -> descriptions.put(p.name(), p.description()));
        settings.put("peers", descriptions);
        settings.put("seconds", seconds);
        settings.put("repeats", repeats);
        settings.put("warmupTrips", warmupTrips);
        settings.put("steadyTrips", steadyTrips);
        settings.put("rttRepeats", rttRepeats);
        settings.put("rcvbufBytes", rcvbufBytes);
        settings.put("receiverCpuPercent", receiverCpuPercent == null ? "no limit" : receiverCpuPercent
                + " % of one core for each throughput receiver (CFS quota, " + ReceiverCpuQuota.PERIOD_MICROS
                + " us period); the JVM's compiler and GC threads count against it too");
        settings.put("recordFormat", "! I 2s Q 2h f");
        settings.put("recordBytes", PeerOptions.RECORD_SIZE);
        settings.put("address", "127.0.0.1");
        settings.put("jfr", jfr);
        settings.put("aotTrainingTrips", aotTrainingTrips);
        settings.put("cpuPerDatagram", "receiving thread's user+sys CPU over its receive loop / datagrams received;"
                + " C and Python: getrusage(RUSAGE_THREAD); JVM peers: ThreadMXBean current-thread CPU time"
                + " (CLOCK_THREAD_CPUTIME_ID, user+sys) and user time; Netty: its event loop thread, read on it");
        settings.put("steadyFromDatagrams", ReceiveTally.STEADY_FROM);
        settings.put("steadyCpuPerDatagram", String.format("the same CPU, over the steady window: after the first"
                + " %,d datagrams, same for every peer; each peer snapshots its receiving thread's CPU on that"
                + " thread when it has received exactly %d, and reports the datagrams after it (steadyCount) and the"
                + " CPU from it to the end; udpkit with several loops: each loop its own snapshot, summed over the"
                + " loops that reached it; absent when fewer arrived", ReceiveTally.STEADY_FROM,
                ReceiveTally.STEADY_FROM));
        return settings;
    }

    private static Map<String, String> machine(PeerPrograms programs, CorePinning pinning) throws IOException {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("cpu", cpuModel());
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        machine.put("gcc", programs.gccVersion());
        machine.put("python", programs.pythonVersion());
        io.netty.util.Version netty = io.netty.util.Version.identify().get("netty-transport-classes-epoll");
        machine.put("netty", netty == null ? "unknown" : netty.artifactVersion());
        machine.put("rmemMax", readFirstLine(Path.of("/proc/sys/net/core/rmem_max")));
        machine.put("pinning", pinning.pinned()
                ? "receiver/server on core " + pinning.receiverCore() + ", sender/client on core " + pinning.senderCore()
                : "none");
        return machine;
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        }
    }

    private static String readFirstLine(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            return "unknown";
        }
        List<String> lines = Files.readAllLines(file);
        return lines.isEmpty() ? "unknown" : lines.get(0).trim();
    }

    /** Completion candidates for {@code --only}. */
    static final class PeerNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        PeerNames() {
            super(PEER_NAMES);
        }
    }
}
