package io.udpkit.bench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A ping-pong client of the round-trip runs, as the command that starts it; completed with
 * {@code PORT COUNT TIMEOUT_MS MAX_SECONDS OUT_FILE}. Every client writes one native-order int64
 * per round trip to {@code OUT_FILE}: nanoseconds, or -1 for a lost reply.
 *
 * @param name   short id used in results
 * @param prefix the command before its arguments
 */
record PingClient(String name, List<String> prefix) {

    List<String> command(int port, int count, int timeoutMillis, int maxSeconds, Path out) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Integer.toString(port));
        command.add(Integer.toString(count));
        command.add(Integer.toString(timeoutMillis));
        command.add(Integer.toString(maxSeconds));
        command.add(out.toString());
        return command;
    }
}
