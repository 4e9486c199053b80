package io.udpkit.server;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.Decoder;
import io.udpkit.core.InboundDatagram;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up warm-up pass of {@link UdpServer.Builder#warmup(int)}: before the socket is bound,
 * drives the codec's decoder and the server's reply path ({@link ServingHandler} with the
 * configured {@link ReplyPolicy}) over synthetic datagrams made from
 * {@link Codec#samplePayload()}, so the JIT compiles them before the first real datagram instead of
 * while it waits. Then waits, briefly and bounded, until the JIT has gone quiet, so its background
 * compilations do not compete with the first real datagrams for the core.
 *
 * <p>Nothing leaves the process: no socket exists yet, replies are consumed by the synthetic
 * datagram, and the user's handler (output, forwarding) is never called, so a warmed server
 * starts with every counter at zero and has printed and sent nothing. The payload buffer is a
 * read-only direct buffer, the class the receive loop hands to codecs, so the type profiles the
 * JIT gathers here hold for real traffic.
 */
final class StartupWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(UdpServer.class);

    /** One in this many synthetic datagrams is one byte short, exercising the undecodable path. */
    static final int UNDECODABLE_EVERY = 64;
    /** How long the JIT must have compiled nothing before the warm-up ends. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The longest the warm-up waits for the JIT to go quiet. */
    private static final long MAX_QUIET_WAIT_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private StartupWarmup() {
    }

    /**
     * Runs the warm-up pass on the calling thread.
     *
     * @param codec           the server's codec
     * @param reply           the server's reply policy, whose encoding runs on every datagram
     * @param maxDatagramSize the receive buffer's payload capacity, bytes
     * @param datagrams       how many synthetic datagrams to drive, at least 1
     * @return how many datagrams were driven: 0 when the codec offers no sample payload
     */
    static <T> long run(Codec<T> codec, ReplyPolicy reply, int maxDatagramSize, int datagrams) {
        Optional<ByteBuffer> sample = codec.samplePayload();
        if (sample.isEmpty() || sample.get().remaining() > maxDatagramSize) {
            LOG.info("warm-up skipped: codec {} offers no sample payload of at most {} bytes", codec,
                    maxDatagramSize);
            return 0;
        }
        long start = System.nanoTime();
        ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(maxDatagramSize + 1);
        int length = sample.get().remaining();
        receiveBuffer.put(sample.get().duplicate());
        SyntheticDatagram datagram = new SyntheticDatagram(receiveBuffer.asReadOnlyBuffer());
        ServingHandler<T> handler = new ServingHandler<>(() -> { }, reply, false,
                (value, inbound) -> { }, maxDatagramSize);
        Decoder<T> decoder = codec.newDecoder();
        long undecodable = 0;
        for (int i = 0; i < datagrams; i++) {
            int size = length > 0 && i % UNDECODABLE_EVERY == UNDECODABLE_EVERY - 1 ? length - 1 : length;
            if (!deliver(decoder, handler, datagram, size)) {
                undecodable++;
            }
        }
        long driven = System.nanoTime();
        long quietAfter = awaitQuietCompiler();
        LOG.info("warm-up: {} synthetic datagrams ({} undecodable) through decode and reply {} in"
                        + " {} ms, JIT quiet {} ms later", datagrams, undecodable,
                reply.name().toLowerCase(), TimeUnit.NANOSECONDS.toMillis(driven - start),
                TimeUnit.NANOSECONDS.toMillis(quietAfter));
        return datagrams;
    }

    /** One datagram as the receive loop handles it; {@code false} if the codec rejected it. */
    private static <T> boolean deliver(Decoder<T> decoder, DatagramHandler<? super T> handler,
            SyntheticDatagram datagram, int length) {
        datagram.arm(length);
        try {
            T value;
            try {
                value = decoder.decode(datagram.resetView());
            } catch (CodecException e) {
                datagram.resetView();
                handler.onUndecodable(datagram, e);
                return false;
            }
            datagram.resetView();
            handler.onMessage(value, datagram);
            return true;
        } catch (Exception e) {
            // The server's own reply path has nothing to fail on here; a codec bug would show on
            // real traffic too, counted there.
            LOG.debug("warm-up datagram failed", e);
            return false;
        } finally {
            datagram.disarm();
        }
    }

    /**
     * Waits until the JIT has compiled nothing for {@link #QUIET_NANOS}, at most
     * {@link #MAX_QUIET_WAIT_NANOS}; returns how long it waited, ns.
     */
    private static long awaitQuietCompiler() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return 0;
        }
        long start = System.nanoTime();
        long lastTotal = jit.getTotalCompilationTime();
        long lastChange = start;
        while (true) {
            LockSupport.parkNanos(POLL_NANOS);
            long now = System.nanoTime();
            long total = jit.getTotalCompilationTime();
            if (total != lastTotal) {
                lastTotal = total;
                lastChange = now;
            } else if (now - lastChange >= QUIET_NANOS) {
                return now - start;
            }
            if (now - start >= MAX_QUIET_WAIT_NANOS) {
                return now - start;
            }
        }
    }

    /**
     * The synthetic datagram: the payload view over the sample, a fixed loopback sender that is
     * never contacted, and a reply that is consumed, not sent. Like the receive loop's datagram,
     * valid only while armed.
     */
    static final class SyntheticDatagram implements InboundDatagram {

        private static final InetSocketAddress SENDER =
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

        private final ByteBuffer view;
        private int length = -1;

        SyntheticDatagram(ByteBuffer view) {
            this.view = view;
        }

        void arm(int length) {
            this.length = length;
        }

        void disarm() {
            length = -1;
        }

        /** Undoes what the codec or handler did to the view, as the receive loop does. */
        ByteBuffer resetView() {
            view.clear().limit(length);
            view.order(ByteOrder.BIG_ENDIAN);
            return view;
        }

        @Override
        public InetSocketAddress sender() {
            checkArmed();
            return SENDER;
        }

        @Override
        public ByteBuffer payload() {
            checkArmed();
            return view;
        }

        @Override
        public int length() {
            checkArmed();
            return length;
        }

        /** Consumes the reply like a send would, without sending anything. */
        @Override
        public boolean reply(ByteBuffer reply) {
            checkArmed();
            boolean fits = reply.remaining() <= length;
            reply.position(reply.limit());
            return fits;
        }

        private void checkArmed() {
            if (length < 0) {
                throw new IllegalStateException("synthetic datagram used after its handler call");
            }
        }
    }
}
