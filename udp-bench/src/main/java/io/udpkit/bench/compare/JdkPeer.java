package io.udpkit.bench.compare;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;

/**
 * The plain-JDK peer: a blocking {@link DatagramChannel} loop, what a Java developer writes without
 * a framework. Reads each record's sequence number with an absolute {@code getInt}.
 *
 * <p>Usage: {@code JdkPeer sink|echo MAX_SECONDS RCVBUF_BYTES}; prints {@code READY <port>}, then
 * one JSON line (see {@link ReceiveTally}) with the receiving (main) thread's CPU time, over the
 * loop and over its steady window.
 */
public final class JdkPeer {

    private JdkPeer() {
    }

    /**
     * Runs the peer until an end marker arrives or the time limit passes.
     *
     * @param args {@code sink|echo MAX_SECONDS RCVBUF_BYTES}
     * @throws IOException if the socket cannot be opened or fails while receiving
     */
    public static void main(String[] args) throws IOException {
        PeerOptions options = PeerProcess.parseOrExit(args);
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            if (options.rcvbufBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.rcvbufBytes());
            }
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            PeerProcess.announceReady(((InetSocketAddress) channel.getLocalAddress()).getPort());
            PeerProcess.Watchdog watchdog = PeerProcess.closeAfter(options.maxSeconds(), channel);
            ReceiveTally tally = new ReceiveTally();
            ByteBuffer buffer = ByteBuffer.allocateDirect(2048).order(ByteOrder.BIG_ENDIAN);
            ThreadCpu cpuAtStart = ThreadCpu.now();
            try {
                while (true) {
                    buffer.clear();
                    SocketAddress sender = channel.receive(buffer);
                    buffer.flip();
                    if (buffer.remaining() != PeerOptions.RECORD_SIZE) {
                        break;
                    }
                    tally.record(Integer.toUnsignedLong(buffer.getInt(0)));
                    if (options.echo()) {
                        channel.send(buffer, sender);
                    }
                }
            } catch (AsynchronousCloseException timeUp) {
                // The watchdog closed the channel: the time limit ended the loop.
            }
            tally.addLoopCpu(cpuAtStart, ThreadCpu.now());
            watchdog.cancel();
            PeerProcess.report(tally.toJson(watchdog.fired()));
        }
    }
}
