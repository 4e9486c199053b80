package io.udpkit.server.cli;

import io.udpkit.cli.CliErrors;
import io.udpkit.cli.CliLogging;
import io.udpkit.cli.CodecsCommand;
import io.udpkit.cli.Launcher;
import io.udpkit.cli.ManifestVersion;
import io.udpkit.cli.StandardOutput;
import io.udpkit.cli.StopSignals;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.IdleStrategy;
import io.udpkit.core.IoMode;
import io.udpkit.core.SinkContext;
import io.udpkit.core.SinkException;
import io.udpkit.core.SinkRegistry;
import io.udpkit.core.SinkStats;
import io.udpkit.core.SocketAddresses;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.format.JsonDialect;
import io.udpkit.server.JsonForwarder;
import io.udpkit.server.ReplyPolicy;
import io.udpkit.server.UdpServer;
import io.udpkit.server.sink.StdoutSink;
import io.udpkit.server.sink.StdoutSinkProvider;
import io.udpkit.server.sink.UdpJsonSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code udp-server}: serves UDP datagrams on one socket, replies to each by a policy, and prints
 * each decoded value on stdout. Logs go to stderr; the last stderr line is the final stats.
 */
@Command(name = "udp-server", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ManifestVersion.class, subcommands = {CodecsCommand.class, SinksCommand.class},
        description = {
            "Receives UDP datagrams, replies to each one (echo, upper or none) and prints every "
                + "datagram the codec decodes on stdout, one line each.",
            "Logs go to stderr; on exit (idle timeout, SIGINT, SIGTERM, SIGHUP: exit code 0) the "
                + "last stderr line is 'stats: {...}'. Stdout is UTF-8 whatever the locale; if it "
                + "cannot be written (a closed pipe, a full disk) the server says so on stderr, "
                + "stops and exits 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (idle timeout, SIGINT/SIGTERM/SIGHUP, empty datagram)",
            "1:runtime failure (port in use, stdout not writable, socket error)",
            "2:usage error"})
public final class UdpServerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "H", defaultValue = "localhost",
            description = "Address to bind (default: ${DEFAULT-VALUE}, bound as IPv4 127.0.0.1 "
                    + "as the recipe does). Binding another address exposes the server.")
    private String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9999",
            description = "UDP port, 0 for any free port; the bound address is logged "
                    + "(default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--reuse-address",
            description = "Set SO_REUSEADDR before binding, as the Python recipe does. RISK: any "
                    + "local process of any user that also sets it can then bind the same port "
                    + "and take this server's datagrams. Off by default: a port in use is an "
                    + "error.")
    private boolean reuseAddress;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Python struct format of the records, e.g. '! I 2s Q 2h f'; shortcut for "
                    + "--codec struct --codec-spec FMT. Datagrams of another size are counted as "
                    + "undecodable.")
    private String format;

    @Option(names = "--codec", paramLabel = "NAME",
            description = "Codec by name (see the codecs command); default raw, or struct with "
                    + "--format.")
    private String codec;

    @Option(names = "--codec-spec", paramLabel = "SPEC",
            description = "The codec's configuration, e.g. the struct format.")
    private String codecSpec;

    @Option(names = "--reply", paramLabel = "echo|upper|none", defaultValue = "echo",
            description = "Reply to every datagram, decoded or not: echo it, send "
                    + "data.strip().upper(), or nothing (default: echo).")
    private ReplyPolicy reply;

    @Option(names = "--output", paramLabel = "text|json|json-strict|none",
            description = "Each decoded value on stdout as Python's repr, as JSON "
                    + "({\"from\":...,\"values\":[...]} for a struct record, "
                    + "{\"from\":...,\"value\":...} for the json, text and raw codecs) written "
                    + "as Python's json.dumps writes it (NaN and Infinity bare), as strict RFC "
                    + "8259 JSON (json-strict: NaN, Infinity, -Infinity as strings), or not at all "
                    + "(default: text, or none when a --sink stdout is given); a shortcut for "
                    + "--sink stdout --sink-spec FORMAT.")
    private OutputFormat output;

    @Option(names = "--sink-queue", paramLabel = "RECORDS", defaultValue = "16384",
            description = "The most values each sink's queue holds (also at most 16 MiB); beyond "
                    + "it, new values are dropped and counted as queueFull (default: ${DEFAULT-VALUE}).")
    private int sinkQueueRecords;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    private List<SinkOption> sinkOptions = new ArrayList<>();

    /** One {@code --sink NAME [--sink-spec SPEC]} pair. */
    static final class SinkOption {
        @Option(names = "--sink", paramLabel = "NAME", required = true,
                description = "Also send each decoded value to this sink (see the sinks command: "
                        + "stdout, udp-json, kafka); repeatable. Each sink has a bounded queue and a "
                        + "thread of its own: a slow sink drops (and counts) values, never slows the "
                        + "server.")
        String name;

        @Option(names = "--sink-spec", paramLabel = "SPEC",
                description = "The preceding --sink's configuration, e.g. "
                        + "'bootstrap=127.0.0.1:9092,topic=records' for kafka.")
        String spec;
    }

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Stop after this long without a datagram, 0.001 to "
                    + "1000000000 seconds (default: never).")
    private Double idleTimeoutSeconds;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "0",
            description = "SO_RCVBUF to ask for; the kernel caps it at rmem_max (default: kernel's).")
    private int receiveBufferBytes;

    @Option(names = "--sndbuf", paramLabel = "BYTES", defaultValue = "0",
            description = "SO_SNDBUF to ask for; the kernel caps it at wmem_max (default: kernel's).")
    private int sendBufferBytes;

    @Option(names = "--stop-on-empty",
            description = "Stop when an empty datagram arrives, as the recipe does. UNSAFE on an "
                    + "open network: anyone who can reach the port can stop the server.")
    private boolean stopOnEmpty;

    @Option(names = "--max-pps-per-source", paramLabel = "N", defaultValue = "0",
            description = "Drop datagrams beyond N per second from one source (address and port; "
                    + "a token bucket with a one-second burst in a fixed-size table of "
                    + TransportConfig.DEFAULT_RATE_LIMITER_SOURCES + " sources), counted as "
                    + "rateLimited (default: 0 = no limit).")
    private int maxPacketsPerSecondPerSource;

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Log a 'stats: {...}' line every SECONDS while serving (default: only "
                    + "at exit).")
    private Double statsIntervalSeconds;

    @Option(names = "--forward", paramLabel = "HOST:PORT",
            description = "Also send each decoded value, re-encoded by --forward-codec, to "
                    + "HOST:PORT (a bridge, e.g. Python struct records to JSON). The target is "
                    + "fixed here; senders cannot choose it, and the server's own address is "
                    + "refused. A document can be up to 6 times larger than its datagram (a byte "
                    + "0x01 is written \\u0001); one larger than 65507 bytes is not sent, but "
                    + "counted as oversized and warned about.")
    private String forward;

    @Option(names = "--forward-codec", paramLabel = "NAME", defaultValue = "json",
            description = "How forwarded values are encoded: json, the document --output json "
                    + "prints, or json-strict, the one --output json-strict prints "
                    + "(default: ${DEFAULT-VALUE}).")
    private String forwardCodec;

    @Option(names = "--metrics", paramLabel = "[HOST:]PORT",
            description = "Serve the counters and JVM basics in the Prometheus text format on "
                    + "http://HOST:PORT/metrics (GET only). A bare PORT listens on localhost; "
                    + "0 picks a free port (logged). Default: off.")
    private String metrics;

    @Option(names = "--io", paramLabel = "auto|nio|batch", defaultValue = "auto",
            description = "I/O path: batch reads up to --batch-size datagrams per recvmmsg and "
                    + "answers them with one sendmmsg (JDK 22+, Linux x86_64/aarch64); nio makes "
                    + "one system call per datagram and works everywhere; auto (default) picks "
                    + "batch where it works. The path in use is logged at start.")
    private IoMode ioMode;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Receive loops, each with its own socket on the port (SO_REUSEPORT; "
                    + "the kernel spreads senders across them) and its own thread "
                    + "(default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Most datagrams per receive call on the batch path, and between two "
                    + "output flushes on either path (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--idle", paramLabel = "block|yield|spin|receive", defaultValue = "block",
            description = "What a loop does with no datagram queued: block in the kernel "
                    + "(default), yield/spin on its core for lower latency at the cost of "
                    + "that core, or receive: on the NIO path sleep in a blocking receive, one "
                    + "system call per datagram, each datagram its own batch.")
    private IdleStrategy idle;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "Before binding, drive the receive path, decoding and the reply "
                    + "through up to N datagrams made from the format over a private loopback "
                    + "socket (at most 2 s), then N in memory, so the first real ones find that "
                    + "code compiled; nothing is printed or forwarded, and nothing is sent "
                    + "outside the process (default: 0 = off; 20000 is typical).")
    private int warmupDatagrams;

    @Option(names = {"-v", "--verbose"}, description = "Log a line for every datagram.")
    private boolean verbose;

    /** Created by picocli. */
    public UdpServerCommand() {
    }

    /**
     * Runs the launcher.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Launcher.run(new UdpServerCommand(), args));
    }

    /**
     * Serves until stopped.
     *
     * @return the exit code: 0 when stopped
     * @throws IOException if the socket fails or stdout cannot be written
     */
    @Override
    public Integer call() throws IOException {
        CliLogging.configure(verbose);
        Logger log = LoggerFactory.getLogger(UdpServerCommand.class);
        Codec<?> chosen = chooseCodec();
        TransportConfig config = transportConfig();
        Duration statsEvery = statsInterval();
        InetSocketAddress forwardTarget = forwardTarget();
        InetSocketAddress metricsAddress = metricsAddress();
        PrintWriter out = spec.commandLine().getOut();
        if (warmupDatagrams < 0 || warmupDatagrams > 10_000_000) {
            throw usage("--warmup must be 0..10000000 datagrams: " + warmupDatagrams);
        }

        AtomicReference<Runnable> stopServer = new AtomicReference<>(() -> { });
        UdpServer.Builder<?> builder = UdpServer.builder()
                .config(config)
                .codec(chosen)
                .reply(reply)
                .stopOnEmpty(stopOnEmpty)
                // Sinks are not called by the warm-up pass: it warms decoding and replies only.
                .warmup(warmupDatagrams);
        if (sinkQueueRecords < 1 || sinkQueueRecords > 1 << 24) {
            throw usage("--sink-queue must be 1 to 16777216: " + sinkQueueRecords);
        }
        builder.sinkQueueCapacity(sinkQueueRecords);
        List<StdoutSink> stdoutSinks = addSinks(builder, out, forwardTarget,
                () -> stopServer.get().run());
        // A bind failure's message names the address once: "cannot bind UDP 127.0.0.1:9999:
        // Address already in use".
        UdpServer<?> server = builder.open();
        if (forwardTarget != null) {
            try {
                JsonForwarder.checkNotSelf(forwardTarget, server.localAddress());
            } catch (IllegalArgumentException e) {
                server.close();
                throw usage("--forward: " + e.getMessage());
            }
        }
        MetricsExport metricsExport;
        try {
            metricsExport = metricsAddress == null ? null
                    : MetricsExport.start(metricsAddress, server::stats, server::sinkStats);
        } catch (IOException e) {
            server.close();
            throw e;
        } catch (LinkageError e) {
            // udp-metrics-prometheus is optional: absent from a class path, or (as a static
            // requirement) not resolved on a module path unless named.
            server.close();
            throw new IOException("--metrics needs udp-metrics-prometheus and the Prometheus client;"
                    + " on a module path add --add-modules io.udpkit.metrics.prometheus", e);
        }
        stopServer.set(server::stop);
        StopSignals signals = StopSignals.install(server::stop);
        PeriodicStats periodic = PeriodicStats.start(statsEvery, () -> statsJson(server));
        boolean outputFailed = false;
        try (server; periodic; metricsExport) {
            InetSocketAddress bound = server.localAddress();
            log.info("listening on {} (codec {}, reply {}, output {}, io {}{})",
                    SocketAddresses.format(bound), codecLabel(), reply.name().toLowerCase(),
                    outputFormat().toString().toLowerCase(), server.ioPath(),
                    threads > 1 ? ", " + threads + " loops" : "");
            if (stopOnEmpty && !bound.getAddress().isLoopbackAddress()) {
                log.warn("--stop-on-empty on {}: anyone who can reach it can stop this server "
                        + "with an empty datagram", SocketAddresses.format(bound));
            }
            if (reuseAddress) {
                log.warn("--reuse-address: other local sockets with SO_REUSEADDR may bind {} too "
                        + "and take its datagrams", SocketAddresses.format(bound));
            }
            if (metricsExport != null) {
                log.info("metrics on http://{}/metrics",
                        SocketAddresses.format(metricsExport.localAddress()));
            }
            if (forwardTarget != null) {
                log.info("forwarding each decoded value as {} to {}", forwardCodec,
                        SocketAddresses.format(forwardTarget));
            }
            StopReason reason = server.serve();
            outputFailed = failed(stdoutSinks);
            log.info("stopped: {}", stopCause(reason, outputFailed, signals));
        } finally {
            // The server is closed here: its sinks have delivered (or given up on) what they held.
            outputFailed |= failed(stdoutSinks);
            out.flush();
            for (SinkStats sink : server.sinkStats()) {
                log.info("sink {}: {}", sink.name(), sink.toJson());
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("stats: " + statsJson(server));
            err.flush();
            signals.finished();
        }
        if (outputFailed) {
            throw new IOException("cannot write to stdout: " + outputFailure(out)
                    + "; stopped, values decoded since the last successful write are lost");
        }
        return 0;
    }

    private String stopCause(StopReason reason, boolean outputFailed, StopSignals signals) {
        switch (reason) {
            case IDLE_TIMEOUT:
                return "idle timeout";
            case CLOSED:
                return "socket closed";
            case STOPPED:
            default:
                if (outputFailed) {
                    return "stdout cannot be written";
                }
                if (signals.received() != null) {
                    return signals.received();
                }
                return stopOnEmpty ? "empty datagram" : "stop requested";
        }
    }

    private static String outputFailure(PrintWriter out) {
        if (out instanceof StandardOutput && ((StandardOutput) out).failure() != null) {
            return CliErrors.describe(((StandardOutput) out).failure());
        }
        return "write failed";
    }

    /**
     * The sinks in order: {@code --output}'s stdout sink, {@code --forward}'s udp-json sink, then
     * every {@code --sink}. A {@code stdout} sink writes to this command's output writer and
     * stops the server when a write fails.
     *
     * @return the stdout sinks, whose failure ends the run with exit code 1
     */
    private List<StdoutSink> addSinks(UdpServer.Builder<?> builder, PrintWriter out,
            InetSocketAddress forwardTarget, Runnable stop) {
        boolean explicitStdout = sinkOptions.stream().anyMatch(o -> o.name.equals("stdout"));
        if (explicitStdout && output != null && output != OutputFormat.NONE) {
            throw usage("--output " + output + " and --sink stdout both print values; give one "
                    + "of them");
        }
        List<StdoutSink> stdoutSinks = new ArrayList<>();
        OutputFormat format = outputFormat();
        if (format != OutputFormat.NONE) {
            StdoutSink sink = StdoutSink.to(out, format.lineFormat()).onFailure(stop);
            stdoutSinks.add(sink);
            builder.sink("stdout", sink);
        }
        if (forwardTarget != null) {
            builder.sink("udp-json", UdpJsonSink.to(forwardTarget,
                    forwardCodec.equals("json-strict") ? JsonDialect.STRICT : JsonDialect.PYTHON));
        }
        if (sinkOptions.isEmpty()) {
            return stdoutSinks;
        }
        SinkRegistry registry;
        try {
            registry = SinkRegistry.installed();
        } catch (SinkException e) {
            throw usage(e.getMessage());
        }
        SinkContext context = SinkContext.of(codecLabel());
        for (SinkOption option : sinkOptions) {
            String sinkSpec = option.spec == null ? "" : option.spec;
            try {
                if (option.name.equals("stdout")) {
                    StdoutSink sink = StdoutSink.to(out, StdoutSinkProvider.format(sinkSpec))
                            .onFailure(stop);
                    stdoutSinks.add(sink);
                    builder.sink("stdout", sink);
                } else {
                    builder.sink(option.name, registry.create(option.name, sinkSpec, context));
                }
            } catch (SinkException e) {
                throw usage(e.getMessage());
            }
        }
        return stdoutSinks;
    }

    private static boolean failed(List<StdoutSink> sinks) {
        return sinks.stream().anyMatch(StdoutSink::failed);
    }

    private OutputFormat outputFormat() {
        if (output != null) {
            return output;
        }
        boolean explicitStdout = sinkOptions.stream().anyMatch(o -> o.name.equals("stdout"));
        return explicitStdout ? OutputFormat.NONE : OutputFormat.TEXT;
    }

    /** The transport's counters with each sink's: {@code {"received":...,"sinks":[{...}]}}. */
    private static String statsJson(UdpServer<?> server) {
        String transport = server.stats().toJson();
        List<SinkStats> sinks = server.sinkStats();
        if (sinks.isEmpty()) {
            return transport;
        }
        StringBuilder json = new StringBuilder(transport.length() + 200 * sinks.size())
                .append(transport, 0, transport.length() - 1).append(",\"sinks\":[");
        for (int i = 0; i < sinks.size(); i++) {
            json.append(i == 0 ? "" : ",").append(sinks.get(i).toJson());
        }
        return json.append("]}").toString();
    }

    /** {@code --forward HOST:PORT}, resolved; {@code null} when not forwarding. */
    private InetSocketAddress forwardTarget() {
        if (forward == null) {
            return null;
        }
        if (!forwardCodec.equals("json") && !forwardCodec.equals("json-strict")) {
            throw usage("--forward-codec supports json and json-strict only: " + forwardCodec);
        }
        int colon = forward.lastIndexOf(':');
        if (colon <= 0 || colon == forward.length() - 1) {
            throw usage("--forward needs HOST:PORT: " + forward);
        }
        String targetHost = forward.substring(0, colon);
        if (targetHost.startsWith("[") && targetHost.endsWith("]")) {
            targetHost = targetHost.substring(1, targetHost.length() - 1);
        }
        int targetPort;
        try {
            targetPort = Integer.parseInt(forward.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw usage("--forward port is not a number: " + forward);
        }
        if (targetPort < 1 || targetPort > 65_535) {
            throw usage("--forward port out of range: " + targetPort);
        }
        InetSocketAddress target;
        try {
            target = SocketAddresses.resolve(targetHost, targetPort);
        } catch (UnknownHostException e) {
            throw usage("--forward: unknown host: " + targetHost);
        }
        try {
            JsonForwarder.checkTarget(target);
        } catch (IllegalArgumentException e) {
            throw usage("--forward: " + e.getMessage());
        }
        return target;
    }

    /** {@code --metrics [HOST:]PORT}, resolved; {@code null} when off. */
    private InetSocketAddress metricsAddress() {
        if (metrics == null) {
            return null;
        }
        try {
            return MetricsExport.parseAddress(metrics);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Codec<?> chooseCodec() {
        if (format != null && codecSpec != null) {
            throw usage("--format is a shortcut for --codec struct --codec-spec FMT; give one of them");
        }
        if (format != null && codec != null && !codec.equals("struct")) {
            throw usage("--format selects the struct codec; it cannot be combined with --codec " + codec);
        }
        try {
            return CodecRegistry.installed().create(codecName(), format != null ? format : codecSpec);
        } catch (CodecException e) {
            throw usage((format != null ? "bad --format: " : "bad codec: ") + e.getMessage());
        }
    }

    private String codecName() {
        if (format != null) {
            return "struct";
        }
        return codec != null ? codec : "raw";
    }

    private String codecLabel() {
        String spec = format != null ? format : codecSpec;
        return codecName() + (spec == null || spec.isEmpty() ? "" : " '" + spec + "'");
    }

    private TransportConfig transportConfig() {
        if (port < 0 || port > 65_535) {
            throw usage("port out of range: " + port);
        }
        if (maxPacketsPerSecondPerSource < 0) {
            throw usage("--max-pps-per-source must be >= 0 (0 = no limit): "
                    + maxPacketsPerSecondPerSource);
        }
        if (receiveBufferBytes < 0 || sendBufferBytes < 0) {
            throw usage("--rcvbuf and --sndbuf must be positive (0 = kernel default)");
        }
        InetSocketAddress bind;
        try {
            bind = SocketAddresses.resolve(host, port);
        } catch (UnknownHostException e) {
            throw usage("unknown host: " + host);
        }
        if (threads < 1 || threads > TransportConfig.MAX_THREADS) {
            throw usage("--threads must be between 1 and " + TransportConfig.MAX_THREADS + ": "
                    + threads);
        }
        if (batchSize < 1 || batchSize > TransportConfig.MAX_BATCH_SIZE) {
            throw usage("--batch-size must be between 1 and " + TransportConfig.MAX_BATCH_SIZE
                    + ": " + batchSize);
        }
        TransportConfig.Builder builder = TransportConfig.builder()
                .bindAddress(bind)
                .io(ioMode)
                .threads(threads)
                .batchSize(batchSize)
                .idleStrategy(idle)
                .reuseAddress(reuseAddress)
                .receiveBufferSize(receiveBufferBytes)
                .sendBufferSize(sendBufferBytes)
                .maxPacketsPerSecondPerSource(maxPacketsPerSecondPerSource);
        if (idleTimeoutSeconds != null) {
            if (!(idleTimeoutSeconds >= 0.001) || idleTimeoutSeconds > 1e9) {
                throw usage("--idle-timeout must be between 0.001 and 1000000000 seconds: "
                        + idleTimeoutSeconds);
            }
            builder.idleTimeout(Duration.ofMillis(Math.max(1, Math.round(idleTimeoutSeconds * 1000))));
        }
        return builder.build();
    }

    private Duration statsInterval() {
        if (statsIntervalSeconds == null) {
            return Duration.ZERO;
        }
        if (!(statsIntervalSeconds >= 0.1) || statsIntervalSeconds > 1e6) {
            throw usage("--stats-interval must be between 0.1 and 1000000 seconds: "
                    + statsIntervalSeconds);
        }
        return Duration.ofMillis(Math.round(statsIntervalSeconds * 1000));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
