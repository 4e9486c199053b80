package io.udpkit.bench.compare;

import io.udpkit.codec.struct.StructReader;
import io.udpkit.core.Codec;
import io.udpkit.core.CodecException;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.InboundDatagram;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.UdpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The udpkit peer: {@link UdpEndpoint#serve} with the {@code struct} codec from
 * {@link CodecRegistry} (its zero-allocation flyweight decoder), a handler that reads each
 * record's sequence number with a typed getter, and as an echo server replies with the payload.
 * The end marker, one byte, is undecodable and stops the loop.
 *
 * <p>Usage: {@code UdpkitPeer sink|echo MAX_SECONDS RCVBUF_BYTES}; prints {@code READY <port>},
 * then one JSON line (see {@link ReceiveTally}).
 */
public final class UdpkitPeer {

    /** The seed record's format. */
    static final String FORMAT = "! I 2s Q 2h f";

    private UdpkitPeer() {
    }

    /**
     * Runs the peer until an end marker arrives or the time limit passes.
     *
     * @param args {@code sink|echo MAX_SECONDS RCVBUF_BYTES}
     * @throws IOException if the endpoint cannot be opened or its socket fails
     */
    public static void main(String[] args) throws IOException {
        PeerOptions options = PeerProcess.parseOrExit(args);
        TransportConfig config = TransportConfig.builder()
                .bindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .receiveBufferSize(options.rcvbufBytes())
                .build();
        Codec<StructReader> codec =
                CodecRegistry.installed().create("struct", FORMAT, StructReader.class);
        try (UdpEndpoint endpoint = UdpEndpoint.open(config)) {
            PeerProcess.announceReady(endpoint.localAddress().getPort());
            PeerProcess.Watchdog watchdog = PeerProcess.closeAfter(options.maxSeconds(), endpoint::stop);
            RecordHandler handler = new RecordHandler(endpoint, options.echo());
            StopReason reason = endpoint.serve(codec, handler);
            watchdog.cancel();
            PeerProcess.report(handler.tally.toJson(watchdog.fired() || reason != StopReason.STOPPED));
        }
    }

    /** Counts records by their typed sequence number; runs on the serve loop's thread. */
    private static final class RecordHandler implements DatagramHandler<StructReader> {
        final ReceiveTally tally = new ReceiveTally();
        private final UdpEndpoint endpoint;
        private final boolean echo;

        RecordHandler(UdpEndpoint endpoint, boolean echo) {
            this.endpoint = endpoint;
            this.echo = echo;
        }

        @Override
        public void onMessage(StructReader record, InboundDatagram datagram) {
            tally.record(record.getLong(0));
            if (echo) {
                datagram.reply(datagram.payload());
            }
        }

        @Override
        public void onUndecodable(InboundDatagram datagram, CodecException error) {
            endpoint.stop();
        }
    }
}
