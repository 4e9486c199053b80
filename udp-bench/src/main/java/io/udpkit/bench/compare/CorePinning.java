package io.udpkit.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the processes of a run may execute: the receiver or server on one core, the sender or
 * client on another, via {@code taskset}, so the two never compete for a core.
 *
 * @param receiverCore the core of receivers and echo servers, or -1 when not pinned
 * @param senderCore   the core of the sender and ping clients, or -1 when not pinned
 */
record CorePinning(int receiverCore, int senderCore) {

    /** Pins to cores 1 (receiver) and 0 (sender) when {@code taskset} works, else not at all. */
    static CorePinning detect(Path log) throws InterruptedException {
        try {
            ChildProcess.run("taskset", List.of("taskset", "-c", "1", "true"), log, Duration.ofSeconds(10));
            ChildProcess.run("taskset", List.of("taskset", "-c", "0", "true"), log, Duration.ofSeconds(10));
            return new CorePinning(1, 0);
        } catch (IOException e) {
            return new CorePinning(-1, -1);
        }
    }

    boolean pinned() {
        return receiverCore >= 0;
    }

    List<String> receiver(List<String> command) {
        return on(receiverCore, command);
    }

    List<String> sender(List<String> command) {
        return on(senderCore, command);
    }

    private static List<String> on(int core, List<String> command) {
        if (core < 0) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(core)));
        pinned.addAll(command);
        return pinned;
    }
}
