package io.udpkit.bench.compare;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Netty 4.2 peer: one epoll event loop, a {@link SimpleChannelInboundHandler} that reads each
 * record's sequence number (and, as an echo server, writes the datagram back, flushing once per
 * read batch, Netty's usual pattern).
 *
 * <p>Usage: {@code NettyPeer sink|echo MAX_SECONDS RCVBUF_BYTES [plain|recvmmsg]}. The
 * {@code recvmmsg} variant sets {@link EpollChannelOption#MAX_DATAGRAM_PAYLOAD_SIZE} with a receive
 * buffer of {@value #BATCH} slots, which makes Netty read up to {@value #BATCH} datagrams per
 * {@code recvmmsg} call; {@code plain} keeps Netty's defaults (one {@code recvmsg} per datagram).
 * UDP_GRO is left off: it only coalesces datagrams sent with UDP_SEGMENT (GSO), which this
 * sender, like most, does not use. The CPU time reported is the event loop thread's, read on that
 * thread after binding and after the end marker.
 */
public final class NettyPeer {

    /** Datagrams per recvmmsg call in the recvmmsg variant, as in the C recvmmsg peer. */
    static final int BATCH = 64;
    /** Slot size per datagram in the recvmmsg variant: larger than any record it receives. */
    static final int SLOT = 64;

    private NettyPeer() {
    }

    /**
     * Runs the peer until an end marker arrives or the time limit passes.
     *
     * @param args {@code sink|echo MAX_SECONDS RCVBUF_BYTES [plain|recvmmsg]}
     * @throws InterruptedException if interrupted while waiting for the loop to end
     * @throws ExecutionException   if reading the event loop thread's CPU time fails
     */
    public static void main(String[] args) throws InterruptedException, ExecutionException {
        PeerOptions options = PeerProcess.parseOrExit(args);
        boolean recvmmsg = options.variant().equals("recvmmsg");
        if (!recvmmsg && !options.variant().isEmpty() && !options.variant().equals("plain")) {
            System.err.println("variant must be plain or recvmmsg: " + options.variant());
            System.exit(2);
        }
        if (!Epoll.isAvailable()) {
            System.err.println("netty epoll unavailable: " + Epoll.unavailabilityCause());
            System.exit(1);
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            CountDownLatch endMarker = new CountDownLatch(1);
            RecordHandler handler = new RecordHandler(options.echo(), endMarker);
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(EpollDatagramChannel.class)
                    .handler(handler);
            if (options.rcvbufBytes() > 0) {
                bootstrap.option(ChannelOption.SO_RCVBUF, options.rcvbufBytes());
            }
            if (recvmmsg) {
                bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SLOT)
                        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(SLOT * BATCH));
            }
            Channel channel = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .sync().channel();
            // The receiving thread is the channel's event loop: its CPU time is read on it.
            ThreadCpu cpuAtStart = channel.eventLoop().submit(ThreadCpu::now).get();
            PeerProcess.announceReady(((InetSocketAddress) channel.localAddress()).getPort());
            boolean ended = endMarker.await(options.maxSeconds(), TimeUnit.SECONDS);
            channel.eventLoop().submit(() -> handler.tally.addLoopCpu(cpuAtStart, ThreadCpu.now())).get();
            channel.close().sync();
            // close() completing on the event loop orders the handler's writes before this read.
            PeerProcess.report(handler.tally.toJson(!ended));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** Counts records and stops at the end marker; runs on the channel's event loop. */
    private static final class RecordHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        final ReceiveTally tally = new ReceiveTally();
        private final boolean echo;
        private final CountDownLatch endMarker;

        RecordHandler(boolean echo, CountDownLatch endMarker) {
            super(DatagramPacket.class);
            this.echo = echo;
            this.endMarker = endMarker;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.readableBytes() != PeerOptions.RECORD_SIZE) {
                endMarker.countDown();
                return;
            }
            tally.record(content.getUnsignedInt(content.readerIndex()));
            if (echo) {
                ctx.write(new DatagramPacket(content.retain(), packet.sender()));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
