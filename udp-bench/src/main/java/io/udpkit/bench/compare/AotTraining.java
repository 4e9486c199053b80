package io.udpkit.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the {@code udpkit-aot} rows: the udpkit echo peer started with the JDK's
 * {@code -XX:AOTCacheOutput} (JDK 25, JEPs 483, 514 and 515: classes loaded and linked, and method
 * profiles, recorded while it runs) and answered by the C ping client for a number of round trips,
 * real traffic through the real code; at exit the JVM writes the cache that the measured runs then
 * load with {@code -XX:AOTCache}. Pinned like every other echo server.
 */
final class AotTraining {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** The exit writes the cache, which takes a second JVM some seconds on a busy machine. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(180);

    private AotTraining() {
    }

    /**
     * Trains and returns the cache file.
     *
     * @param java        the JVM peers' launcher
     * @param ping        the C ping client
     * @param trips       round trips of training traffic
     * @param rcvbufBytes the SO_RCVBUF the peer asks for
     * @param dir         where the cache and the training log go
     * @throws IOException if the training run fails or writes no cache
     */
    static Path train(PeerCatalog.JavaLauncher java, Path ping, CorePinning pinning, int trips, int rcvbufBytes,
                      Path dir) throws IOException, InterruptedException {
        Path cache = dir.resolve("udpkit-peer.aot");
        Path log = dir.resolve("aot-training.log");
        Path rtts = dir.resolve("aot-training-rtt.bin");
        Files.deleteIfExists(cache);
        int maxSeconds = 60 + trips / 1000;
        List<String> server = new ArrayList<>(java.command("udpkit-aot-training", "UdpkitPeer", "echo",
                List.of("-XX:AOTCacheOutput=" + cache)));
        server.addAll(List.of(Integer.toString(maxSeconds + 20), Integer.toString(rcvbufBytes)));
        try (ChildProcess echo = ChildProcess.start("udpkit-aot-training", pinning.receiver(server), log)) {
            int port = echo.awaitReadyPort(READY_TIMEOUT);
            ChildProcess.run("ping-aot-training", pinning.sender(new PingClient("c", List.of(ping.toString()))
                            .command(port, trips, 1000, maxSeconds, rtts)),
                    log, Duration.ofSeconds(maxSeconds + 30L));
            int exit = echo.awaitExit(EXIT_TIMEOUT);
            if (exit != 0) {
                throw new IOException("the AOT training run exited with " + exit + " (see " + log + ")");
            }
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IOException("the AOT training run wrote no cache " + cache + " (see " + log + ")");
        }
        return cache;
    }
}
