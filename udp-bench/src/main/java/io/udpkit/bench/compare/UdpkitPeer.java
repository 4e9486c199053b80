package io.udpkit.bench.compare;

import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.server.ReplyPolicy;
import io.udpkit.server.UdpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The udpkit peer: a {@link UdpServer} with the {@code struct} codec (its zero-allocation
 * flyweight decoder), {@link ReplyPolicy#ECHO} as an echo server or {@link ReplyPolicy#NONE} as
 * a receiver, and a handler that reads each record's sequence number with a typed getter. The
 * end marker, one byte, is undecodable and stops the server. What a user of the library writes.
 *
 * <p>Usage: {@code UdpkitPeer sink|echo MAX_SECONDS RCVBUF_BYTES [VARIANT]}, where VARIANT is
 * {@link UdpkitVariant}'s {@code key=value,...} (for example {@code warmup=20000}); prints
 * {@code READY <port>} once bound (after any warm-up), then one JSON line (see
 * {@link ReceiveTally}) with the serving thread's CPU time over {@code serve()} and over its
 * steady window.
 */
public final class UdpkitPeer {

    /** The seed record's format. */
    static final String FORMAT = "! I 2s Q 2h f";

    private UdpkitPeer() {
    }

    /**
     * Runs the peer until an end marker arrives or the time limit passes.
     *
     * @param args {@code sink|echo MAX_SECONDS RCVBUF_BYTES [VARIANT]}
     * @throws IOException if the server cannot be opened or its socket fails
     */
    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IOException e) {
            // One line for the harness's note, e.g. io=batch where the batch path cannot run.
            System.err.println("udpkit peer: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws IOException {
        PeerOptions options = PeerProcess.parseOrExit(args);
        UdpkitVariant variant;
        TransportConfig config;
        try {
            variant = UdpkitVariant.parse(options.variant());
            config = variant.applyTo(TransportConfig.builder()
                    .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .receiveBufferSize(options.rcvbufBytes())).build();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (variant.threads() > 1) {
            serveOnLoops(options, variant, config);
            return;
        }
        RecordHandler handler = new RecordHandler();
        try (UdpServer<Object> server = open(options, variant, config, handler)) {
            handler.stop = server::stop;
            PeerProcess.announceReady(server.localAddress().getPort());
            PeerProcess.Watchdog watchdog = PeerProcess.closeAfter(options.maxSeconds(), server::stop);
            ThreadCpu cpuAtStart = ThreadCpu.now();
            StopReason reason = server.serve();
            handler.tally.addLoopCpu(cpuAtStart, ThreadCpu.now());
            watchdog.cancel();
            PeerProcess.report(handler.tally.toJson(watchdog.fired() || reason != StopReason.STOPPED));
        }
    }

    /** The peer's server, as a library user builds it: the struct codec, echo or no reply. */
    private static UdpServer<Object> open(PeerOptions options, UdpkitVariant variant,
            TransportConfig config, DatagramHandler<Object> handler) throws IOException {
        return UdpServer.builder()
                .config(config)
                .codec("struct", FORMAT)
                .reply(options.echo() ? ReplyPolicy.ECHO : ReplyPolicy.NONE)
                .warmup(variant.warmupDatagrams())
                .handler(handler)
                .open();
    }

    /**
     * The peer with several receive loops sharing one handler: each loop thread counts into a
     * tally of its own, and the CPU of every loop thread is read when the end marker arrives (or
     * the time limit passes), while they all still run. Each loop snapshots its own thread's CPU
     * when it alone has counted {@value ReceiveTally#STEADY_FROM} datagrams; the steady figure
     * reported is the sum, over the loops that got that far, of their datagrams after their own
     * snapshot and their thread's CPU from it to the end (see {@link ReceiveTally#merge}). A loop
     * that received fewer contributes to the whole-run figure only.
     */
    private static void serveOnLoops(PeerOptions options, UdpkitVariant variant, TransportConfig config)
            throws IOException {
        LoopsHandler handler = new LoopsHandler();
        try (UdpServer<Object> server = open(options, variant, config, handler)) {
            handler.stop = server::stop;
            PeerProcess.announceReady(server.localAddress().getPort());
            PeerProcess.Watchdog watchdog = PeerProcess.closeAfter(options.maxSeconds(), () -> {
                handler.takeCpu();
                server.stop();
            });
            StopReason reason = server.serve();
            watchdog.cancel();
            PeerProcess.report(handler.merged().toJson(watchdog.fired() || reason != StopReason.STOPPED));
        }
    }

    /** One loop thread's tally and the CPU time its thread had when it received its first record. */
    private static final class LoopTally {
        final ReceiveTally tally = new ReceiveTally();
        final long threadId = Thread.currentThread().getId();
        final ThreadCpu cpuAtFirst = ThreadCpu.now();
    }

    /** Counts records per loop thread; shared by every loop. */
    private static final class LoopsHandler implements DatagramHandler<Object> {
        private final List<LoopTally> loops = new CopyOnWriteArrayList<>();
        private final ThreadLocal<LoopTally> perThread = ThreadLocal.withInitial(this::register);
        private boolean cpuTaken;
        volatile Runnable stop = () -> { };

        private LoopTally register() {
            LoopTally loop = new LoopTally();
            loops.add(loop);
            return loop;
        }

        @Override
        public void onMessage(Object value, InboundDatagram datagram) {
            perThread.get().tally.record(((StructReader) value).getLong(0));
        }

        @Override
        public void onUndecodable(InboundDatagram datagram, CodecException error) {
            takeCpu();
            stop.run();
        }

        /** Reads every loop thread's CPU time once, while the loops still run. */
        synchronized void takeCpu() {
            if (cpuTaken) {
                return;
            }
            cpuTaken = true;
            for (LoopTally loop : loops) {
                loop.tally.addLoopCpu(loop.cpuAtFirst, ThreadCpu.of(loop.threadId));
            }
        }

        /** Every loop's tally in one; call after serve() returned. */
        synchronized ReceiveTally merged() {
            ReceiveTally all = new ReceiveTally();
            loops.forEach(loop -> all.merge(loop.tally));
            return all;
        }
    }

    /** Counts records by their typed sequence number; runs on the serve loop's thread. */
    private static final class RecordHandler implements DatagramHandler<Object> {
        final ReceiveTally tally = new ReceiveTally();
        Runnable stop = () -> { };

        @Override
        public void onMessage(Object value, InboundDatagram datagram) {
            tally.record(((StructReader) value).getLong(0));
        }

        @Override
        public void onUndecodable(InboundDatagram datagram, CodecException error) {
            stop.run();
        }
    }
}
