package io.udpkit.core;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link UdpEndpoint} binds and behaves: address, socket options, limits and policies.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}, whose defaults are the secure
 * ones: bind 127.0.0.1:9999, no SO_REUSEADDR (a busy port is an error, not shared), replies never
 * larger than requests, no rate limiting.
 */
public final class TransportConfig {

    /** The default bind address, loopback only: 127.0.0.1 port 9999. */
    public static final InetSocketAddress DEFAULT_BIND_ADDRESS =
            new InetSocketAddress("127.0.0.1", 9999);

    /** The default size of the rate limiter's table of sources. */
    public static final int DEFAULT_RATE_LIMITER_SOURCES = 4096;

    /** The largest rate limiter table accepted, so a typo cannot allocate gigabytes. */
    public static final int MAX_RATE_LIMITER_SOURCES = 1 << 20;

    /** The default number of datagrams per batch. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /** The largest batch accepted. */
    public static final int MAX_BATCH_SIZE = 1024;

    /** The most receive loops (sockets sharing a port) accepted. */
    public static final int MAX_THREADS = 256;

    private final InetSocketAddress bindAddress;
    private final boolean reuseAddress;
    private final int receiveBufferSize;
    private final int sendBufferSize;
    private final Duration idleTimeout;
    private final int maxDatagramSize;
    private final boolean allowLargerReplies;
    private final int maxPacketsPerSecondPerSource;
    private final int rateLimiterSources;
    private final IoMode io;
    private final int threads;
    private final int batchSize;
    private final IdleStrategy idleStrategy;

    private TransportConfig(Builder b) {
        this.bindAddress = b.bindAddress;
        this.reuseAddress = b.reuseAddress;
        this.receiveBufferSize = b.receiveBufferSize;
        this.sendBufferSize = b.sendBufferSize;
        this.idleTimeout = b.idleTimeout;
        this.maxDatagramSize = b.maxDatagramSize;
        this.allowLargerReplies = b.allowLargerReplies;
        this.maxPacketsPerSecondPerSource = b.maxPacketsPerSecondPerSource;
        this.rateLimiterSources = b.rateLimiterSources;
        this.io = b.io;
        this.threads = b.threads;
        this.batchSize = b.batchSize;
        this.idleStrategy = b.idleStrategy;
    }

    /**
     * Starts a configuration with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding this configuration's values, to derive a variant.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .bindAddress(bindAddress)
                .reuseAddress(reuseAddress)
                .receiveBufferSize(receiveBufferSize)
                .sendBufferSize(sendBufferSize)
                .idleTimeout(idleTimeout)
                .maxDatagramSize(maxDatagramSize)
                .allowLargerReplies(allowLargerReplies)
                .maxPacketsPerSecondPerSource(maxPacketsPerSecondPerSource)
                .rateLimiterSources(rateLimiterSources)
                .io(io)
                .threads(threads)
                .batchSize(batchSize)
                .idleStrategy(idleStrategy);
    }

    /**
     * The local address and port to bind; port 0 lets the kernel pick one.
     *
     * @return the bind address, resolved
     */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /**
     * Whether SO_REUSEADDR is set before binding (off by default). On Linux this lets another
     * socket with SO_REUSEADDR, of any local user, bind the same UDP port and take its datagrams
     * (each unicast datagram goes to one of them); off, binding a port in use fails.
     *
     * @return {@code true} to set SO_REUSEADDR
     */
    public boolean reuseAddress() {
        return reuseAddress;
    }

    /**
     * The SO_RCVBUF to request, in bytes; 0 keeps the kernel default.
     *
     * @return the requested receive buffer size in bytes, or 0
     */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /**
     * The SO_SNDBUF to request, in bytes; 0 keeps the kernel default.
     *
     * @return the requested send buffer size in bytes, or 0
     */
    public int sendBufferSize() {
        return sendBufferSize;
    }

    /**
     * How long {@link UdpEndpoint#serve} waits without any datagram before returning
     * {@link StopReason#IDLE_TIMEOUT}; {@link Duration#ZERO} means wait forever.
     *
     * @return the idle timeout, never {@code null}
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The largest datagram payload accepted, in bytes; larger datagrams are counted as
     * {@link TransportStats#truncated() truncated} and dropped.
     *
     * @return the maximum payload size in bytes, 1 to {@link DatagramLimits#MAX_UDP_PAYLOAD}
     */
    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    /**
     * Whether a reply may be larger than the datagram it answers. Off by default: a server that
     * answers spoofed requests with more bytes than it got is an amplifier.
     *
     * @return {@code true} if larger replies are sent
     */
    public boolean allowLargerReplies() {
        return allowLargerReplies;
    }

    /**
     * The sustained datagrams per second accepted from one source (address and port), with
     * bursts of up to that many; 0 turns rate limiting off.
     *
     * @return the per-source rate in datagrams per second, or 0
     */
    public int maxPacketsPerSecondPerSource() {
        return maxPacketsPerSecondPerSource;
    }

    /**
     * How many sources the rate limiter tracks at once (rounded up to a power of two when the
     * table is built); when more send, the least recently seen of a few candidates is evicted.
     *
     * @return the rate limiter's table size in sources
     */
    public int rateLimiterSources() {
        return rateLimiterSources;
    }

    /**
     * Which I/O path the receive loops use.
     *
     * @return the I/O mode, {@link IoMode#AUTO} by default
     * @since 0.2
     */
    public IoMode io() {
        return io;
    }

    /**
     * How many sockets, each with its own receive loop thread, share the bound port.
     *
     * @return 1 (the default) or more
     * @since 0.2
     */
    public int threads() {
        return threads;
    }

    /**
     * The most datagrams one receive call takes (and one send call answers) on the batch path;
     * on the NIO path, the most datagrams between two {@link DatagramHandler#onBatchEnd()} calls.
     *
     * @return 1 to {@link #MAX_BATCH_SIZE}, {@link #DEFAULT_BATCH_SIZE} by default
     * @since 0.2
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * What a receive loop does when no datagram is queued.
     *
     * @return the idle strategy, {@link IdleStrategy#BLOCK} by default
     * @since 0.2
     */
    public IdleStrategy idleStrategy() {
        return idleStrategy;
    }

    @Override
    public String toString() {
        return "TransportConfig{bindAddress=" + bindAddress + ", reuseAddress=" + reuseAddress
                + ", receiveBufferSize=" + receiveBufferSize + ", sendBufferSize=" + sendBufferSize
                + ", idleTimeout=" + idleTimeout + ", maxDatagramSize=" + maxDatagramSize
                + ", allowLargerReplies=" + allowLargerReplies
                + ", maxPacketsPerSecondPerSource=" + maxPacketsPerSecondPerSource
                + ", rateLimiterSources=" + rateLimiterSources + ", io=" + io
                + ", threads=" + threads + ", batchSize=" + batchSize
                + ", idleStrategy=" + idleStrategy + "}";
    }

    /**
     * Collects a {@link TransportConfig}'s values. Every setter checks its argument at once and
     * throws {@link IllegalArgumentException} with a message stating the failed check, such as
     * {@code "port out of range: 70000"}. Not thread-safe.
     */
    public static final class Builder {

        private InetSocketAddress bindAddress = DEFAULT_BIND_ADDRESS;
        private boolean reuseAddress;
        private int receiveBufferSize;
        private int sendBufferSize;
        private Duration idleTimeout = Duration.ZERO;
        private int maxDatagramSize = DatagramLimits.MAX_UDP_PAYLOAD;
        private boolean allowLargerReplies;
        private int maxPacketsPerSecondPerSource;
        private int rateLimiterSources = DEFAULT_RATE_LIMITER_SOURCES;
        private IoMode io = IoMode.AUTO;
        private int threads = 1;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private IdleStrategy idleStrategy = IdleStrategy.BLOCK;

        private Builder() {
        }

        /**
         * Sets the local address to bind (default 127.0.0.1:9999).
         *
         * @param address a resolved address; port 0 lets the kernel choose
         * @return this builder
         * @throws IllegalArgumentException if the address is unresolved
         * @throws NullPointerException     if {@code address} is {@code null}
         */
        public Builder bindAddress(InetSocketAddress address) {
            Objects.requireNonNull(address, "bindAddress");
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("bindAddress is unresolved: "
                        + address.getHostString() + ":" + address.getPort());
            }
            this.bindAddress = address;
            return this;
        }

        /**
         * Sets the local address to bind from a host name or literal and a port, resolving the
         * host now.
         *
         * @param host a host name or IP literal, such as {@code 127.0.0.1} or {@code localhost}
         * @param port 0 to 65535; 0 lets the kernel choose
         * @return this builder
         * @throws IllegalArgumentException if the port is out of range or the host does not
         *                                  resolve
         * @throws NullPointerException     if {@code host} is {@code null}
         */
        public Builder bindAddress(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return bindAddress(new InetSocketAddress(host, port));
        }

        /**
         * Sets whether SO_REUSEADDR is set before binding (default {@code false}: binding a port
         * in use fails with a {@link java.net.BindException}). The Python recipe sets it; doing so
         * lets any other local process that also sets it bind the same port and receive this
         * socket's datagrams, so turn it on only where every local user is trusted.
         *
         * @param reuse {@code true} to set SO_REUSEADDR
         * @return this builder
         */
        public Builder reuseAddress(boolean reuse) {
            this.reuseAddress = reuse;
            return this;
        }

        /**
         * Sets the SO_RCVBUF to request (default 0, the kernel default).
         *
         * @param bytes the size in bytes, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder receiveBufferSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("receiveBufferSize must be >= 0: " + bytes);
            }
            this.receiveBufferSize = bytes;
            return this;
        }

        /**
         * Sets the SO_SNDBUF to request (default 0, the kernel default).
         *
         * @param bytes the size in bytes, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder sendBufferSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("sendBufferSize must be >= 0: " + bytes);
            }
            this.sendBufferSize = bytes;
            return this;
        }

        /**
         * Sets how long the receive loop waits without a datagram before it returns
         * (default: forever).
         *
         * @param timeout the idle timeout; {@code null} or zero means none
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout != null && timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative: " + timeout);
            }
            this.idleTimeout = timeout == null ? Duration.ZERO : timeout;
            return this;
        }

        /**
         * Sets the largest payload accepted (default 65,507 bytes, the UDP maximum). The receive
         * buffer is one byte larger, so a larger datagram is detected rather than silently cut.
         *
         * @param bytes 1 to {@link DatagramLimits#MAX_UDP_PAYLOAD}
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is out of range
         */
        public Builder maxDatagramSize(int bytes) {
            if (bytes < 1 || bytes > DatagramLimits.MAX_UDP_PAYLOAD) {
                throw new IllegalArgumentException("maxDatagramSize out of range [1, "
                        + DatagramLimits.MAX_UDP_PAYLOAD + "]: " + bytes);
            }
            this.maxDatagramSize = bytes;
            return this;
        }

        /**
         * Sets whether replies may be larger than the datagram they answer (default
         * {@code false}).
         *
         * @param allow {@code true} to allow larger replies
         * @return this builder
         */
        public Builder allowLargerReplies(boolean allow) {
            this.allowLargerReplies = allow;
            return this;
        }

        /**
         * Sets the per-source rate limit (default 0, off).
         *
         * @param packetsPerSecond datagrams per second per source, 0 to turn limiting off
         * @return this builder
         * @throws IllegalArgumentException if {@code packetsPerSecond} is negative
         */
        public Builder maxPacketsPerSecondPerSource(int packetsPerSecond) {
            if (packetsPerSecond < 0) {
                throw new IllegalArgumentException(
                        "maxPacketsPerSecondPerSource must be >= 0: " + packetsPerSecond);
            }
            this.maxPacketsPerSecondPerSource = packetsPerSecond;
            return this;
        }

        /**
         * Sets how many sources the rate limiter tracks (default 4096). Memory is fixed at about
         * 24 bytes per source whatever the number of senders.
         *
         * @param sources 1 to {@link #MAX_RATE_LIMITER_SOURCES}
         * @return this builder
         * @throws IllegalArgumentException if {@code sources} is out of range
         */
        public Builder rateLimiterSources(int sources) {
            if (sources < 1 || sources > MAX_RATE_LIMITER_SOURCES) {
                throw new IllegalArgumentException("rateLimiterSources out of range [1, "
                        + MAX_RATE_LIMITER_SOURCES + "]: " + sources);
            }
            this.rateLimiterSources = sources;
            return this;
        }

        /**
         * Sets the I/O path (default {@link IoMode#AUTO}: batched {@code recvmmsg}/{@code sendmmsg}
         * where the {@code udp-transport-batch} module is present and usable, NIO elsewhere).
         *
         * @param mode the I/O mode
         * @return this builder
         * @throws NullPointerException if {@code mode} is {@code null}
         * @since 0.2
         */
        public Builder io(IoMode mode) {
            this.io = Objects.requireNonNull(mode, "io");
            return this;
        }

        /**
         * Sets how many sockets share the port, one receive loop thread each (default 1). Above 1
         * every socket sets SO_REUSEPORT and the kernel spreads senders across them by their
         * address and port; see {@link UdpEndpoint#serve} for how handlers are shared.
         *
         * @param count 1 to {@link #MAX_THREADS}
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is out of range
         * @since 0.2
         */
        public Builder threads(int count) {
            if (count < 1 || count > MAX_THREADS) {
                throw new IllegalArgumentException("threads out of range [1, " + MAX_THREADS
                        + "]: " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * Sets the most datagrams per receive call on the batch path, and per
         * {@link DatagramHandler#onBatchEnd()} on both paths (default
         * {@value #DEFAULT_BATCH_SIZE}). Memory is allocated once per loop: about
         * {@code batchSize x maxDatagramSize} bytes for receiving, as much again for replies.
         *
         * @param size 1 to {@link #MAX_BATCH_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if {@code size} is out of range
         * @since 0.2
         */
        public Builder batchSize(int size) {
            if (size < 1 || size > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize out of range [1, " + MAX_BATCH_SIZE
                        + "]: " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Sets what a loop does when no datagram is queued (default {@link IdleStrategy#BLOCK}).
         *
         * @param strategy the idle strategy
         * @return this builder
         * @throws NullPointerException if {@code strategy} is {@code null}
         * @since 0.2
         */
        public Builder idleStrategy(IdleStrategy strategy) {
            this.idleStrategy = Objects.requireNonNull(strategy, "idleStrategy");
            return this;
        }

        /**
         * Builds the immutable configuration.
         *
         * @return a new configuration
         */
        public TransportConfig build() {
            return new TransportConfig(this);
        }
    }
}
