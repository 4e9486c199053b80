package io.udpkit.bench.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One round-trip run: starts an echo server, runs a ping-pong client against it straight away,
 * and splits the client's round-trip times into the warm-up slice (the first round trips after
 * the server started) and the steady slice (the ones after).
 */
final class RoundTripTrial {

    private static final ObjectMapper JSON = new ObjectMapper();
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
            // The client's end markers stop the server, which then reports its counts and CPU. A
            // JVM server run with -XX:+PrintCompilation prints a line per JIT compilation before.
            long[] compilations = new long[1];
            String result = echo.awaitLineCounting("{", RESULT_TIMEOUT, compilations);
            jitCompilations = server.countsJit() ? compilations[0] : -1;
            echo.awaitExit(RESULT_TIMEOUT);
            serverCpu = result == null ? LoopCpu.UNKNOWN : LoopCpu.fromPeerResult(JSON.readTree(result));
        }
        long[] rtts = read(rttFile);
        int split = Math.min(warmupTrips, rtts.length);
        return new RoundTripRun(server.name(), client.name(), RttSummary.of(rtts, 0, split),
                RttSummary.of(rtts, split, rtts.length), serverCpu, jitCompilations);
    }

    private static long[] read(Path file) throws IOException {
        LongBuffer values = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()).asLongBuffer();
        long[] rtts = new long[values.remaining()];
        values.get(rtts);
        return rtts;
    }
}
