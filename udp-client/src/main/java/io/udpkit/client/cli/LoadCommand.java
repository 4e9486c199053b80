package io.udpkit.client.cli;

import io.udpkit.cli.CliLogging;
import io.udpkit.cli.ManifestVersion;
import io.udpkit.cli.StopSignals;
import io.udpkit.client.load.LoadGenerator;
import io.udpkit.client.load.LoadInterval;
import io.udpkit.client.load.LoadPlan;
import io.udpkit.client.load.LoadReport;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code udp-client load}: sends one payload at a fixed rate for a fixed time, prints a progress
 * line per second on stderr and a summary (a table, or JSON) on stdout.
 *
 * <p>Ctrl-C (SIGINT) or SIGTERM stops the run and prints the summary so far, exit code 0, through
 * the launchers' shared {@link StopSignals}; a second signal ends the JVM at once.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ManifestVersion.class,
        description = {"Sends one payload again and again at a fixed rate and reports what came back.",
            "Round trips are measured from each datagram's intended send time (start + k / rate), "
                + "so a stalled sender shows in the percentiles. Replies are matched to requests "
                + "by the request number a --size payload carries, otherwise in send order "
                + "(see --match); a request without a reply within --timeout counts as lost. "
                + "Each second a line gives that second's own rates, loss, round-trip p50/p99 "
                + "and RFC 3550 jitter; the summary says where loss happened when it can: "
                + "dropped at this client's socket, or beyond it."})
final class LoadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--message", paramLabel = "TEXT", description = "Payload: this text as UTF-8.")
    private String message;

    @Option(names = "--format", paramLabel = "FMT",
            description = "Payload: a Python struct record in this format, packed from --values.")
    private String format;

    @Option(names = "--values", paramLabel = "JSON",
            description = "The record's values for --format, a JSON array such as "
                    + "'[1, \"ab\", 2, 3, 3, 2.5]' (bytes as latin-1 strings).")
    private String values;

    @Option(names = "--size", paramLabel = "N",
            description = "Payload: N bytes, 0 to 65507. From 20 bytes on, each datagram starts "
                    + "with its request number as 20 decimal digits (then zero bytes) and replies "
                    + "are matched by it, exactly; shorter ones are zero bytes matched in order.")
    private Integer size;

    @Option(names = "--rate", paramLabel = "PER_SECOND|max", defaultValue = "1000",
            description = "Datagrams per second, or max for as fast as possible "
                    + "(default: ${DEFAULT-VALUE}).")
    private String rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to send, at most 3600 (default: ${DEFAULT-VALUE}).")
    private double durationSeconds;

    @Option(names = "--expect-reply",
            description = "Expect one reply per datagram: count loss and measure round trips.")
    private boolean expectReply;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
            description = "With --expect-reply: a request without a reply this many milliseconds "
                    + "after its intended send time is lost (default: ${DEFAULT-VALUE}).")
    private long timeoutMillis;

    /** How replies are matched to requests: {@code --match}. */
    enum Matching { AUTO, SEQUENCE, ORDER }

    @Option(names = "--match", paramLabel = "auto|sequence|order", defaultValue = "auto",
            description = "With --expect-reply, how replies are matched to requests. sequence: "
                    + "each request's number goes over the first 20 payload bytes and replies "
                    + "are matched by it, exactly, whatever is lost or reordered (the server must "
                    + "return those bytes at the start of its reply). order: each reply answers "
                    + "the oldest outstanding request; after a loss the round trips are reported "
                    + "invalid. auto (default): sequence for --size of 20 or more, whose bytes "
                    + "exist to carry the number; order for --message and --format, whose bytes "
                    + "stamping would change.")
    private Matching match;

    @Option(names = "--rcvbuf", paramLabel = "BYTES", defaultValue = "0",
            description = "SO_RCVBUF to ask for on the client's socket, where replies queue; the "
                    + "kernel caps it at rmem_max. Replies that find it full are reported as "
                    + "dropped at this client's socket (default: 4194304 with --expect-reply).")
    private int receiveBufferBytes;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    private boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Log debug details.")
    private boolean verbose;

    @Override
    public Integer call() throws IOException {
        CliLogging.configureQuiet(verbose);
        LoadPlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LoadGenerator generator = LoadGenerator.open(plan)) {
            StopSignals signals = StopSignals.install(generator::stop);
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "udpkit-load-progress");
                thread.setDaemon(true);
                return thread;
            });
            LoadReport report;
            try {
                progress.scheduleAtFixedRate(() -> {
                    err.println(LoadSummary.intervalLine(generator.nextInterval()));
                    err.flush();
                }, 1, 1, TimeUnit.SECONDS);
                report = generator.run();
            } finally {
                progress.shutdownNow();
                awaitQuietly(progress);
            }
            // The rest of the run since the last line, so the lines add up to the summary.
            LoadInterval last = generator.nextInterval();
            if (last.to().compareTo(last.from()) > 0) {
                err.println(LoadSummary.intervalLine(last));
                err.flush();
            }
            out.println(json ? report.toJson() : LoadSummary.table(report));
            out.flush();
            signals.finished();
        }
        return 0;
    }

    private LoadPlan plan() {
        target.checkPort(spec.commandLine());
        byte[] payload = payload();
        if (receiveBufferBytes < 0) {
            throw usage("--rcvbuf must be 0 (default) or a positive number of bytes: "
                    + receiveBufferBytes);
        }
        boolean sequenced;
        if (match == Matching.SEQUENCE) {
            if (payload.length < LoadPlan.SEQUENCE_DIGITS) {
                throw usage("--match sequence needs a payload of at least "
                        + LoadPlan.SEQUENCE_DIGITS + " bytes for the request number; this one has "
                        + payload.length);
            }
            sequenced = true;
        } else {
            sequenced = match == Matching.AUTO && size != null
                    && payload.length >= LoadPlan.SEQUENCE_DIGITS;
        }
        LoadPlan.Builder plan = LoadPlan.builder().payload(payload).expectReply(expectReply)
                .receiveBufferSize(receiveBufferBytes).sequenced(sequenced);
        try {
            if ("max".equals(rate.strip().toLowerCase(Locale.ROOT))) {
                plan.unlimitedRate();
            } else {
                plan.ratePerSecond(parseRate());
            }
            if (!(durationSeconds > 0) || durationSeconds > LoadPlan.MAX_DURATION.toSeconds()) {
                throw usage("--duration must be above 0 and at most "
                        + LoadPlan.MAX_DURATION.toSeconds() + " seconds: " + durationSeconds);
            }
            plan.duration(Duration.ofNanos(Math.round(durationSeconds * 1e9)));
            if (timeoutMillis < 1 || timeoutMillis > LoadPlan.MAX_REPLY_TIMEOUT.toMillis()) {
                throw usage("--timeout must be 1 to " + LoadPlan.MAX_REPLY_TIMEOUT.toMillis()
                        + " milliseconds: " + timeoutMillis);
            }
            plan.replyTimeout(Duration.ofMillis(timeoutMillis));
            plan.target(target.resolve(spec.commandLine()));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return plan.build();
    }

    private double parseRate() {
        double perSecond;
        try {
            perSecond = Double.parseDouble(rate.strip());
        } catch (NumberFormatException e) {
            throw usage("--rate must be a number of datagrams per second or max: " + rate);
        }
        if (!(perSecond > 0) || perSecond > LoadPlan.MAX_FIXED_RATE) {
            throw usage("--rate must be above 0 and at most " + (long) LoadPlan.MAX_FIXED_RATE
                    + " per second, or max: " + rate);
        }
        return perSecond;
    }

    private byte[] payload() {
        int given = (message != null ? 1 : 0) + (format != null || values != null ? 1 : 0)
                + (size != null ? 1 : 0);
        if (given != 1) {
            throw usage("give exactly one payload: --message TEXT, --format FMT --values JSON, "
                    + "or --size N");
        }
        if (message != null) {
            byte[] text = message.getBytes(StandardCharsets.UTF_8);
            if (text.length > DatagramLimits.MAX_UDP_PAYLOAD) {
                throw usage("--message is " + text.length + " bytes as UTF-8; a datagram holds at most "
                        + DatagramLimits.MAX_UDP_PAYLOAD);
            }
            return text;
        }
        if (size != null) {
            if (size < 0 || size > DatagramLimits.MAX_UDP_PAYLOAD) {
                throw usage("--size must be 0 to " + DatagramLimits.MAX_UDP_PAYLOAD + " bytes: " + size);
            }
            return new byte[size];
        }
        if (format == null || values == null) {
            throw usage("--format FMT and --values JSON go together");
        }
        return packRecord();
    }

    private byte[] packRecord() {
        Codec<?> struct = StructCodecs.create(spec.commandLine(), "struct", format, "--format");
        Object record;
        try {
            record = JsonValuesArgument.parse("struct", format, values);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        ByteBuffer encoded = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);
        try {
            PackCommand.encode(struct, record, encoded);
        } catch (CodecException e) {
            throw usage("cannot encode --values: " + e.getMessage());
        }
        return Arrays.copyOf(encoded.array(), encoded.position());
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }
}
