package io.udpkit.bench.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * One implementation in the comparison, as the commands that start it as a counting receiver
 * ({@code sink}) and as an echo server. Each command is completed with
 * {@code MAX_SECONDS RCVBUF_BYTES} and then {@code suffix}.
 *
 * @param name        short id used in results and {@code --only}
 * @param description what the peer's loop does, one line
 * @param sinkPrefix  the command up to its time limit for the receiver role, empty if it has none
 * @param echoPrefix  the command up to its time limit for the echo role, empty if it has none
 * @param suffix      arguments after the buffer size (a variant), possibly empty
 * @param senderSockets source sockets the throughput sender takes turns with: 1, or more for a
 *                    receiver with several SO_REUSEPORT sockets, which the kernel spreads by flow
 * @param everyCore   whether the receiver may run on every core (sharing the sender's) instead of
 *                    being pinned to the receiver core like the others
 */
record Peer(String name, String description, List<String> sinkPrefix, List<String> echoPrefix,
            List<String> suffix, int senderSockets, boolean everyCore) {

    /** A peer fed by one sender socket, pinned to the receiver core. */
    Peer(String name, String description, List<String> sinkPrefix, List<String> echoPrefix, List<String> suffix) {
        this(name, description, sinkPrefix, echoPrefix, suffix, 1, false);
    }

    /** Whether the echo command prints its JIT compilations (-XX:+PrintCompilation) to count them. */
    boolean countsJit() {
        return echoPrefix.contains("-XX:+PrintCompilation");
    }

    /** The command pinned as this peer is: to the receiver core, or not at all. */
    List<String> pinned(CorePinning pinning, List<String> command) {
        return everyCore ? command : pinning.receiver(command);
    }

    boolean sinks() {
        return !sinkPrefix.isEmpty();
    }

    boolean echoes() {
        return !echoPrefix.isEmpty();
    }

    List<String> command(boolean echo, int maxSeconds, int rcvbufBytes) {
        List<String> command = new ArrayList<>(echo ? echoPrefix : sinkPrefix);
        command.add(Integer.toString(maxSeconds));
        command.add(Integer.toString(rcvbufBytes));
        command.addAll(suffix);
        return command;
    }
}
