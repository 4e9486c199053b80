package io.udpkit.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;

/**
 * One round-trip run: starts an echo server, runs a ping-pong client against it straight away,
 * and splits the client's round-trip times into the warm-up slice (the first round trips after
 * the server started) and the steady slice (the ones after).
 */
final class RoundTripTrial {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A -XX:+PrintCompilation line: time stamp, compile id, flags and level, then Class::method. */
    private static final java.util.regex.Pattern COMPILATION_LINE =
            java.util.regex.Pattern.compile("^\\s*\\d+\\s+\\d+\\s.*::");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);
    /** A reply slower than this counts as lost; loopback replies take microseconds. */
    private static final int REPLY_TIMEOUT_MILLIS = 1000;

    private final CorePinning pinning;
    private final int warmupTrips;
    private final int steadyTrips;
    private final int maxSeconds;
    private final int rcvbufBytes;
    private final Path workDir;

    RoundTripTrial(CorePinning pinning, int warmupTrips, int steadyTrips, int maxSeconds, int rcvbufBytes,
                   Path workDir) {
        this.pinning = pinning;
        this.warmupTrips = warmupTrips;
        this.steadyTrips = steadyTrips;
        this.maxSeconds = maxSeconds;
        this.rcvbufBytes = rcvbufBytes;
        this.workDir = workDir;
    }

    RoundTripRun run(Peer server, PingClient client) throws IOException, InterruptedException {
        String id = server.name() + "-" + client.name();
        Path log = workDir.resolve("rtt-" + id + ".log");
        Path rttFile = workDir.resolve("rtt-" + id + ".bin");
        Files.deleteIfExists(rttFile);
        LoopCpu serverCpu;
        long jitCompilations;
        try (ChildProcess echo = ChildProcess.start(server.name(),
                server.pinned(pinning, server.command(true, maxSeconds + 20, rcvbufBytes)), log)) {
            int port = echo.awaitReadyPort(READY_TIMEOUT);
            ChildProcess.run("ping-" + client.name(),
                    pinning.sender(client.command(port, warmupTrips + steadyTrips, REPLY_TIMEOUT_MILLIS,
                            maxSeconds, rttFile)),
                    log, Duration.ofSeconds(maxSeconds + 30L));
            // The client's end markers stop the server, which then reports its counts and CPU.
            String result = echo.awaitLineStarting("{", RESULT_TIMEOUT);
            echo.awaitExit(RESULT_TIMEOUT);
            jitCompilations = server.countsJit() ? compilationsAfterLastMark(log) : -1;
            serverCpu = result == null ? LoopCpu.UNKNOWN : LoopCpu.fromPeerResult(JSON.readTree(result));
        }
        long[] rtts = read(rttFile);
        int split = Math.min(warmupTrips, rtts.length);
        return new RoundTripRun(server.name(), client.name(), RttSummary.of(rtts, 0, split),
                RttSummary.of(rtts, split, rtts.length), serverCpu, jitCompilations);
    }

    /**
     * JIT compilations a JVM server logged (-XX:+PrintCompilation on stderr) after its last
     * {@link PeerProcess#SERVING_MARK}: the lines of the form {@code <ms> <id> ... Class::method}.
     */
    static long compilationsAfterLastMark(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8);
        int start = lines.lastIndexOf(PeerProcess.SERVING_MARK);
        if (start < 0) {
            return -1;
        }
        return lines.subList(start + 1, lines.size()).stream()
                .filter(line -> COMPILATION_LINE.matcher(line).find())
                .count();
    }

    private static long[] read(Path file) throws IOException {
        LongBuffer values = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()).asLongBuffer();
        long[] rtts = new long[values.remaining()];
        values.get(rtts);
        return rtts;
    }
}
