package io.udpkit.bench.compare;

import io.udpkit.codec.struct.Struct;
import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * udpkit's own ping-pong client, the Java counterpart of the C {@code udp_ping}: packs a seed
 * record with {@link Struct#packInto}, sends it with {@link UdpEndpoint#send}, waits for its echo
 * with {@link UdpEndpoint#receive}, and checks the echoed sequence number with a
 * {@link StructReader}.
 *
 * <p>Usage: {@code UdpkitPingClient PORT COUNT TIMEOUT_MS MAX_SECONDS OUT_FILE}. Writes one
 * native-order int64 per round trip to {@code OUT_FILE} (nanoseconds, -1 for a lost reply), sends
 * end markers that stop the server, and prints {@code {"sent":N,"replies":R,"timeouts":T}}.
 */
public final class UdpkitPingClient {

    private static final byte[] TAG = {'o', 'k'};
    private static final int END_MARKERS = 5;

    private UdpkitPingClient() {
    }

    /**
     * Runs the round trips.
     *
     * @param args {@code PORT COUNT TIMEOUT_MS MAX_SECONDS OUT_FILE}
     * @throws IOException if the socket or the output file fails
     * @throws InterruptedException if interrupted between end markers
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 5) {
            usage("usage: UdpkitPingClient PORT COUNT TIMEOUT_MS MAX_SECONDS OUT_FILE");
        }
        int port = parse(args[0], 1, 65_535, "PORT");
        int count = parse(args[1], 1, 100_000_000, "COUNT");
        int timeoutMillis = parse(args[2], 1, 60_000, "TIMEOUT_MS");
        int maxSeconds = parse(args[3], 1, 3_600, "MAX_SECONDS");
        Path outFile = Path.of(args[4]);

        Struct struct = Struct.compile(UdpkitPeer.FORMAT);
        StructReader echoed = struct.reader();
        ByteBuffer out = ByteBuffer.allocateDirect(struct.size());
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        long[] rtts = new long[count];
        long replies = 0;
        long timeouts = 0;
        int sent = 0;
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        TransportConfig config = TransportConfig.builder()
                .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        try (UdpEndpoint endpoint = UdpEndpoint.open(config)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            for (; sent < count; sent++) {
                long sentAt = System.nanoTime();
                if (sentAt - deadline > 0) {
                    break;
                }
                rtts[sent] = -1;
                struct.packInto(out, 0, (long) sent, TAG, sentAt, 7L, -7L, 1.5);
                out.clear().limit(struct.size());
                endpoint.send(out, server);
                if (awaitEcho(endpoint, in, echoed, sent, sentAt + timeoutNanos)) {
                    rtts[sent] = System.nanoTime() - sentAt;
                    replies++;
                } else {
                    timeouts++;
                }
            }
            ByteBuffer marker = ByteBuffer.allocate(1);
            for (int i = 0; i < END_MARKERS; i++) {
                endpoint.send(marker.clear(), server);
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        ByteBuffer file = ByteBuffer.allocate(sent * Long.BYTES).order(ByteOrder.nativeOrder());
        file.asLongBuffer().put(rtts, 0, sent);
        Files.write(outFile, file.array());
        System.out.println("{\"sent\":" + sent + ",\"replies\":" + replies + ",\"timeouts\":" + timeouts + "}");
    }

    /** Waits until {@code deadline} for the echo of record {@code seq}, skipping late echoes. */
    private static boolean awaitEcho(UdpEndpoint endpoint, ByteBuffer in, StructReader echoed, int seq,
                                     long deadline) throws IOException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            in.clear();
            if (endpoint.receive(in, Duration.ofNanos(left)) == null) {
                return false;
            }
            if (in.position() == 22 && echoed.wrap(in, 0).getLong(0) == seq) {
                return true;
            }
        }
    }

    private static int parse(String text, int min, int max, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            usage(name + " is not an integer: " + text);
        }
        usage(name + " out of range " + min + ".." + max + ": " + text);
        return 0;
    }

    private static void usage(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
