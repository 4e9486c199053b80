package io.udpkit.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One throughput run: starts a receiver, lets the C sender blast seed records at it for a fixed
 * time, then collects both sides' counts.
 */
final class ThroughputTrial {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path blast;
    private final CorePinning pinning;
    private final ReceiverCpuQuota quota;
    private final int seconds;
    private final int rcvbufBytes;
    private final Path logDir;

    // quota: the receivers' CPU quota, or null for none.
    ThroughputTrial(Path blast, CorePinning pinning, ReceiverCpuQuota quota, int seconds, int rcvbufBytes,
            Path logDir) {
        this.blast = blast;
        this.pinning = pinning;
        this.quota = quota;
        this.seconds = seconds;
        this.rcvbufBytes = rcvbufBytes;
        this.logDir = logDir;
    }

    private List<String> limited(List<String> command) {
        return quota == null ? command : quota.wrap(command);
    }

    ThroughputRun run(Peer peer) throws IOException, InterruptedException {
        // The receiver's own limit is a backstop well past the sender's time plus drain and markers.
        int receiverLimit = seconds + 20;
        Path log = logDir.resolve("throughput-" + peer.name() + ".log");
        try (ChildProcess receiver = ChildProcess.start(peer.name(),
                peer.pinned(pinning, limited(peer.command(false, receiverLimit, rcvbufBytes))), log)) {
            int port = receiver.awaitReadyPort(READY_TIMEOUT);
            List<String> sender = ChildProcess.run("udp_blast",
                    pinning.sender(List.of(blast.toString(), Integer.toString(port), Integer.toString(seconds),
                            Integer.toString(peer.senderSockets()))),
                    log, Duration.ofSeconds(seconds + 30L));
            String result = receiver.awaitLineStarting("{", RESULT_TIMEOUT);
            if (result == null || sender.isEmpty()) {
                throw new IOException(peer.name() + " or the sender reported no result (see " + log + ")");
            }
            receiver.awaitExit(RESULT_TIMEOUT);
            return toRun(peer.name(), JSON.readTree(sender.get(sender.size() - 1)), JSON.readTree(result));
        }
    }

    /** One run from the sender's and the receiver's result lines. */
    static ThroughputRun toRun(String peer, JsonNode sent, JsonNode received) {
        return new ThroughputRun(peer, sent.path("sent").asLong(), sent.path("nanos").asLong(),
                received.path("received").asLong(), received.path("windowCount").asLong(),
                received.path("windowNanos").asLong(), received.path("timedOut").asBoolean(),
                LoopCpu.fromPeerResult(received), LoopCpu.steadyFromPeerResult(received));
    }
}
