package io.udpkit.client.load;

import io.udpkit.core.DatagramLimits;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LoadGenerator} does: the target, the one payload it sends again and again, the
 * rate, how long, and whether to wait for replies. Immutable; build it with {@link #builder()}.
 */
public final class LoadPlan {

    /** The longest run a plan allows: one hour. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);

    /** The longest reply timeout a plan allows: one minute. */
    public static final Duration MAX_REPLY_TIMEOUT = Duration.ofMinutes(1);

    /** The highest fixed rate a plan allows, in datagrams per second. */
    public static final double MAX_FIXED_RATE = 10_000_000;

    /**
     * Bytes of a sequence stamp: the request number as ASCII decimal digits, zero-padded, at the
     * start of the payload (see {@link Builder#sequenced(boolean)}).
     */
    public static final int SEQUENCE_DIGITS = 20;

    private final InetSocketAddress target;
    private final byte[] payload;
    private final double ratePerSecond;
    private final Duration duration;
    private final boolean expectReply;
    private final Duration replyTimeout;
    private final boolean sequenced;
    private final int receiveBufferSize;

    private LoadPlan(Builder builder) {
        this.target = Objects.requireNonNull(builder.target, "target");
        this.payload = builder.payload.clone();
        this.ratePerSecond = builder.ratePerSecond;
        this.duration = builder.duration;
        this.expectReply = builder.expectReply;
        this.replyTimeout = builder.replyTimeout;
        this.sequenced = builder.sequenced;
        this.receiveBufferSize = builder.receiveBufferSize;
        if (sequenced && payload.length < SEQUENCE_DIGITS) {
            throw new IllegalArgumentException("a sequenced payload needs at least "
                    + SEQUENCE_DIGITS + " bytes, got " + payload.length);
        }
    }

    /**
     * Starts a plan. Defaults: an empty payload, as fast as possible, 10 s, no replies expected,
     * a reply timeout of 1 s. The target has no default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where every datagram goes.
     *
     * @return the resolved target address
     */
    public InetSocketAddress target() {
        return target;
    }

    /**
     * The bytes of every datagram.
     *
     * @return a copy of the payload
     */
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The payload's length.
     *
     * @return bytes per datagram, 0 to 65,507
     */
    public int payloadSize() {
        return payload.length;
    }

    /**
     * The intended send rate.
     *
     * @return datagrams per second, or {@link Double#POSITIVE_INFINITY} for as fast as possible
     */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /**
     * Whether the plan sends as fast as it can instead of at a fixed rate.
     *
     * @return {@code true} for an unlimited rate
     */
    public boolean unlimitedRate() {
        return Double.isInfinite(ratePerSecond);
    }

    /**
     * How long datagrams are sent for (replies are then awaited up to the reply timeout).
     *
     * @return the sending time
     */
    public Duration duration() {
        return duration;
    }

    /**
     * Whether every datagram is expected to get one reply.
     *
     * @return {@code true} to match replies and measure round trips
     */
    public boolean expectReply() {
        return expectReply;
    }

    /**
     * How long after its intended send time a request without a reply counts as lost.
     *
     * @return the reply timeout
     */
    public Duration replyTimeout() {
        return replyTimeout;
    }

    /**
     * Whether each datagram carries its request number, so replies are matched exactly.
     *
     * @return {@code true} if the first {@value #SEQUENCE_DIGITS} payload bytes are a stamp
     */
    public boolean sequenced() {
        return sequenced;
    }

    /**
     * The SO_RCVBUF asked for the generator's socket.
     *
     * @return bytes, or 0 for the default: 4 MiB when replies are expected, else the kernel's
     */
    public int receiveBufferSize() {
        return receiveBufferSize;
    }

    /** Collects a {@link LoadPlan}'s settings; every setter checks its argument. */
    public static final class Builder {

        private InetSocketAddress target;
        private byte[] payload = new byte[0];
        private double ratePerSecond = Double.POSITIVE_INFINITY;
        private Duration duration = Duration.ofSeconds(10);
        private boolean expectReply;
        private Duration replyTimeout = Duration.ofSeconds(1);
        private boolean sequenced;
        private int receiveBufferSize;

        private Builder() {
        }

        /**
         * Sets the SO_RCVBUF to ask for on the generator's socket, where replies queue while the
         * receiving thread is not running; the kernel caps it at net.core.rmem_max. Replies that
         * find it full are dropped there and reported as the client's socket drops.
         *
         * @param bytes 0 for the default (4 MiB when replies are expected, else the kernel's),
         *     or a positive size
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder receiveBufferSize(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("receive buffer size must be 0 (default) or "
                        + "positive: " + bytes);
            }
            this.receiveBufferSize = bytes;
            return this;
        }

        /**
         * Sets where datagrams go.
         *
         * @param target a resolved address
         * @return this builder
         * @throws IllegalArgumentException if the address is unresolved or its port is 0
         */
        public Builder target(InetSocketAddress target) {
            Objects.requireNonNull(target, "target");
            if (target.isUnresolved()) {
                throw new IllegalArgumentException("target is unresolved: " + target);
            }
            if (target.getPort() == 0) {
                throw new IllegalArgumentException("target port out of range: 0");
            }
            this.target = target;
            return this;
        }

        /**
         * Sets the payload sent in every datagram (copied).
         *
         * @param payload 0 to 65,507 bytes
         * @return this builder
         * @throws IllegalArgumentException if the payload is too large for one datagram
         */
        public Builder payload(byte[] payload) {
            Objects.requireNonNull(payload, "payload");
            if (payload.length > DatagramLimits.MAX_UDP_PAYLOAD) {
                throw new IllegalArgumentException("payload too large for one UDP datagram: "
                        + payload.length + " bytes > " + DatagramLimits.MAX_UDP_PAYLOAD);
            }
            this.payload = payload.clone();
            return this;
        }

        /**
         * Sends at a fixed rate: datagram k is due at start + k / rate.
         *
         * @param perSecond datagrams per second, above 0 and at most {@link #MAX_FIXED_RATE}
         * @return this builder
         * @throws IllegalArgumentException if the rate is out of range
         */
        public Builder ratePerSecond(double perSecond) {
            if (!(perSecond > 0) || perSecond > MAX_FIXED_RATE) {
                throw new IllegalArgumentException("rate must be above 0 and at most "
                        + (long) MAX_FIXED_RATE + " per second: " + perSecond);
            }
            this.ratePerSecond = perSecond;
            return this;
        }

        /**
         * Sends as fast as possible.
         *
         * @return this builder
         */
        public Builder unlimitedRate() {
            this.ratePerSecond = Double.POSITIVE_INFINITY;
            return this;
        }

        /**
         * Sets how long to send.
         *
         * @param duration above 0 and at most {@link #MAX_DURATION}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("duration must be above 0 and at most "
                        + MAX_DURATION.toSeconds() + " s: " + duration);
            }
            this.duration = duration;
            return this;
        }

        /**
         * Sets whether every datagram is expected to get a reply.
         *
         * @param expectReply {@code true} to match replies and measure round trips
         * @return this builder
         */
        public Builder expectReply(boolean expectReply) {
            this.expectReply = expectReply;
            return this;
        }

        /**
         * Sets how long after its intended send time an unanswered request counts as lost.
         *
         * @param timeout at least 1 ms and at most {@link #MAX_REPLY_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder replyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_REPLY_TIMEOUT) > 0) {
                throw new IllegalArgumentException("reply timeout must be 1 ms to "
                        + MAX_REPLY_TIMEOUT.toMillis() + " ms: " + timeout.toMillis() + " ms");
            }
            this.replyTimeout = timeout;
            return this;
        }

        /**
         * Stamps each datagram's request number (0, 1, 2, ...) over the first
         * {@value LoadPlan#SEQUENCE_DIGITS} bytes of the payload, as zero-padded ASCII decimal
         * digits, and matches each reply to its request by the same bytes at the start of the
         * reply. Digits survive echoing, upper-casing and stripping, so matching is exact in any
         * order and a lost request never shifts the round trips of later ones. Without it,
         * replies are matched in send order (see {@link LoadGenerator}). Default: off.
         *
         * @param sequenced whether to stamp and match by number
         * @return this builder
         */
        public Builder sequenced(boolean sequenced) {
            this.sequenced = sequenced;
            return this;
        }

        /**
         * Builds the plan.
         *
         * @return an immutable plan
         * @throws NullPointerException if no target was set
         * @throws IllegalArgumentException if the plan is sequenced and the payload is shorter
         *     than {@value LoadPlan#SEQUENCE_DIGITS} bytes
         */
        public LoadPlan build() {
            return new LoadPlan(this);
        }
    }
}
