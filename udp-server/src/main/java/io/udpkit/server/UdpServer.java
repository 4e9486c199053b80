package io.udpkit.server;

import io.udpkit.core.Codec;
import io.udpkit.core.CodecRegistry;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.Sink;
import io.udpkit.core.SinkQueue;
import io.udpkit.core.SinkStats;
import io.udpkit.core.IoMode;
import io.udpkit.core.SocketAddresses;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TransportStats;
import io.udpkit.core.UdpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A UDP server: one bound port (one socket, or several sharing it with {@link Builder#threads}),
 * a codec that decodes each datagram, a {@link ReplyPolicy} applied to every datagram, and a
 * handler and any number of {@link Sink}s that receive the decoded values.
 *
 * <p>Build one with {@link #builder()}, which binds the socket in {@link Builder#open()}; then
 * {@link #serve()} runs the receive loop on the calling thread until {@link #stop()} (from any
 * thread), the idle timeout, or, when enabled, an empty datagram. Malformed datagrams are counted
 * and dropped; exceptions from the handler are counted, never fatal. {@link #stats()} may be read
 * at any time, also after {@link #close()}.
 *
 * <pre>{@code
 * try (UdpServer<Object> server = UdpServer.builder()
 *         .host("localhost").port(9999)
 *         .codec("struct", "! I 2s Q 2h f")
 *         .reply(ReplyPolicy.ECHO)
 *         .handler((value, datagram) -> System.out.println(value))
 *         .open()) {
 *     server.serve();
 * }
 * }</pre>
 *
 * @param <T> the type of decoded values
 */
public final class UdpServer<T> implements AutoCloseable {

    private final UdpEndpoint endpoint;
    private final Codec<T> codec;
    private final IntFunction<ServingHandler<T>> handlers;
    private final List<SinkQueue<?>> sinks;
    private final Duration sinkCloseDeadline;
    private volatile TransportStats finalStats;

    private UdpServer(UdpEndpoint endpoint, Codec<T> codec,
            IntFunction<ServingHandler<T>> handlers, List<SinkQueue<?>> sinks,
            Duration sinkCloseDeadline) {
        this.endpoint = endpoint;
        this.codec = codec;
        this.handlers = handlers;
        this.sinks = sinks;
        this.sinkCloseDeadline = sinkCloseDeadline;
    }

    /**
     * Starts building a server. Defaults: bind 127.0.0.1:9999 (see {@link TransportConfig}), the
     * {@code raw} codec, {@link ReplyPolicy#NONE}, a handler that ignores values, empty datagrams
     * treated like any other.
     *
     * @return a new builder
     */
    public static Builder<Object> builder() {
        return new Builder<>();
    }

    /**
     * The address the socket is bound to, with the actual port when port 0 was asked for.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /**
     * Runs the receive loops until the server is stopped: loop 0 on the calling thread, the
     * others (with {@link Builder#threads}) on threads of their own, each with its own reply
     * buffers.
     *
     * @return why the loops ended
     * @throws IOException if a socket fails (not for bad datagrams, which are counted)
     */
    public StopReason serve() throws IOException {
        return endpoint.serve(codec, handlers);
    }

    /**
     * The I/O path the server's sockets use: {@code "nio"} or {@code "batch"}.
     *
     * @return the path's name
     * @since 0.2
     */
    public String ioPath() {
        return endpoint.ioPath();
    }

    /**
     * Each receive loop's own counters, in loop order ({@link #stats()} is their sum).
     *
     * @return one snapshot per loop
     * @since 0.2
     */
    public List<TransportStats> loopStats() {
        return endpoint.loopStats();
    }

    /** Makes {@link #serve()} return promptly. Safe from any thread, also before serving. */
    public void stop() {
        endpoint.stop();
    }

    /**
     * A snapshot of the counters.
     *
     * @return the counters now, or at {@link #close()} if the server is closed
     */
    public TransportStats stats() {
        TransportStats closed = finalStats;
        return closed != null ? closed : endpoint.stats();
    }

    /**
     * Each sink's delivery counters, in the order the sinks were added.
     *
     * @return one snapshot per sink; empty without sinks
     */
    public List<SinkStats> sinkStats() {
        List<SinkStats> stats = new ArrayList<>(sinks.size());
        for (SinkQueue<?> sink : sinks) {
            stats.add(sink.stats());
        }
        return stats;
    }

    /**
     * Stops the loop and releases the socket, then closes the sinks: each delivers what it has
     * queued and waits for confirmations up to the sink close deadline (10 s by default);
     * what is still unconfirmed then is reported in {@link #sinkStats()}.
     *
     * @throws IOException if closing the socket fails
     */
    @Override
    public void close() throws IOException {
        if (finalStats == null) {
            finalStats = endpoint.stats();
        }
        try {
            endpoint.close();
        } finally {
            closeSinks(sinks, sinkCloseDeadline);
        }
    }

    private static void closeSinks(List<SinkQueue<?>> sinks, Duration deadline) {
        // Closed together, so that the deadline is the longest wait, not one per sink.
        long until = System.nanoTime() + deadline.toNanos();
        List<Thread> closers = new ArrayList<>();
        for (SinkQueue<?> sink : sinks) {
            Thread closer = new Thread(() -> sink.close(
                    Duration.ofNanos(Math.max(0, until - System.nanoTime()))), "close-" + sink.name());
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Configures and binds a {@link UdpServer}. Not thread-safe.
     *
     * @param <T> the type of decoded values, fixed by the codec
     */
    public static final class Builder<T> {

        private TransportConfig config;
        private String host;
        private Integer port;
        private Codec<?> codec;
        private String codecName = "raw";
        private String codecSpec = "";
        private CodecRegistry registry;
        private ReplyPolicy reply = ReplyPolicy.NONE;
        private IntFunction<? extends DatagramHandler<? super T>> handlers;
        private boolean stopOnEmpty;
        private int warmupDatagrams;
        private DatagramHandler<? super T> warmupStandIn;
        private final List<NamedSink> sinks = new ArrayList<>();
        private int sinkQueueCapacity = SinkQueue.DEFAULT_CAPACITY;
        private Duration sinkCloseDeadline = SinkQueue.DEFAULT_CLOSE_DEADLINE;
        private IoMode io;
        private Integer threads;

        private Builder() {
        }

        /**
         * Uses a complete transport configuration (bind address, buffers, idle timeout, limits).
         * Excludes {@link #host} and {@link #port}.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder<T> config(TransportConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * The host to bind, resolved preferring IPv4 ({@link SocketAddresses#resolve}); default
         * {@code 127.0.0.1}. Excludes {@link #config}.
         *
         * @param host a host name or literal address
         * @return this builder
         */
        public Builder<T> host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The port to bind; default 9999, 0 picks a free port. Excludes {@link #config}.
         *
         * @param port 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder<T> port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Decodes datagrams with {@code codec}. Call before {@link #handler}, whose type it fixes.
         *
         * @param codec the codec
         * @param <U>   the type of decoded values
         * @return this builder, retyped
         * @throws IllegalStateException if a handler was already set
         */
        public <U> Builder<U> codec(Codec<U> codec) {
            requireNoHandler();
            this.codec = Objects.requireNonNull(codec, "codec");
            return retyped();
        }

        /**
         * Decodes datagrams with the codec that the installed provider {@code name} creates from an
         * empty spec ({@code codec("json")}, {@code codec("text")}); the codec is created in
         * {@link #open()}. Call before {@link #handler}.
         *
         * @param name the provider's name
         * @return this builder, retyped
         * @throws IllegalStateException if a handler was already set
         */
        public Builder<Object> codec(String name) {
            return codec(null, name, "");
        }

        /**
         * Decodes datagrams with the codec that the installed provider {@code name} creates from
         * {@code spec} ({@code codec("struct", "! I 2s Q 2h f")}); the codec is created in
         * {@link #open()}. Call before {@link #handler}.
         *
         * @param name the provider's name
         * @param spec the codec's spec, empty if it needs none
         * @return this builder, retyped
         * @throws IllegalStateException if a handler was already set
         */
        public Builder<Object> codec(String name, String spec) {
            return codec(null, name, spec);
        }

        /**
         * Decodes datagrams with the installed codec {@code name}, checked to make values of
         * {@code valueType}, so that the handler needs no cast:
         * {@code codec("struct", "! I 2s Q 2h f", StructReader.class)}. The codec is created
         * here, not in {@link #open()}. Call before {@link #handler}.
         *
         * @param name      the provider's name
         * @param spec      the codec's spec, empty if it needs none
         * @param valueType the type the handler takes
         * @param <U>       the type of decoded values
         * @return this builder, retyped
         * @throws io.udpkit.core.CodecException if the name is unknown, the spec invalid or the
         *                                       codec makes values of another type
         * @throws IllegalStateException         if a handler was already set
         */
        public <U> Builder<U> codec(String name, String spec, Class<U> valueType) {
            return codec(CodecRegistry.installed().create(name, spec, valueType));
        }

        /**
         * Like {@link #codec(String, String)}, with providers from {@code registry} instead of
         * the installed ones.
         *
         * @param registry where to find the provider, or {@code null} for
         *                 {@link CodecRegistry#installed()}
         * @param name     the provider's name
         * @param spec     the codec's spec, empty if it needs none
         * @return this builder, retyped
         * @throws IllegalStateException if a handler was already set
         */
        public Builder<Object> codec(CodecRegistry registry, String name, String spec) {
            requireNoHandler();
            this.codec = null;
            this.registry = registry;
            this.codecName = Objects.requireNonNull(name, "name");
            this.codecSpec = spec == null ? "" : spec;
            return retyped();
        }

        /**
         * What to send back for each datagram; default {@link ReplyPolicy#NONE}.
         *
         * @param policy the reply policy
         * @return this builder
         */
        public Builder<T> reply(ReplyPolicy policy) {
            this.reply = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Receives each decoded value (and, through
         * {@link DatagramHandler#onUndecodable}, each datagram the codec rejected), after the
         * reply was sent. Runs on the serving thread; the value may be a flyweight valid only
         * during the call.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder<T> handler(DatagramHandler<? super T> handler) {
            Objects.requireNonNull(handler, "handler");
            this.handlers = loop -> handler;
            return this;
        }

        /**
         * Like {@link #handler}, with a handler of its own for each receive loop: {@code handlers}
         * is called once per loop with its index (0 to threads - 1) when serving starts, and each
         * handler is only ever called from its loop's thread, so it need not be thread-safe.
         * With {@link #handler} instead, one handler is shared by every loop and must be
         * thread-safe when {@link #threads} is above 1.
         *
         * @param handlers makes the handler for a loop
         * @return this builder
         * @since 0.2
         */
        public Builder<T> handlerPerLoop(IntFunction<? extends DatagramHandler<? super T>> handlers) {
            this.handlers = Objects.requireNonNull(handlers, "handlers");
            return this;
        }

        /**
         * The I/O path (default {@link IoMode#AUTO}); overrides the one in {@link #config}.
         *
         * @param mode the I/O mode
         * @return this builder
         * @since 0.2
         */
        public Builder<T> io(IoMode mode) {
            this.io = Objects.requireNonNull(mode, "io");
            return this;
        }

        /**
         * How many sockets share the port, one receive loop thread each (default 1); overrides
         * the number in {@link #config}. See {@link #handler} and {@link #handlerPerLoop} for how
         * handlers are shared.
         *
         * @param count 1 to {@link TransportConfig#MAX_THREADS}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @since 0.2
         */
        public Builder<T> threads(int count) {
            if (count < 1 || count > TransportConfig.MAX_THREADS) {
                throw new IllegalArgumentException("threads out of range [1, "
                        + TransportConfig.MAX_THREADS + "]: " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * Whether an empty datagram stops the server, as the Python recipe does. Off by default:
         * on a network anyone can send an empty datagram, so turn it on only on trusted networks.
         *
         * @param stopOnEmpty {@code true} to stop on an empty datagram
         * @return this builder
         */
        public Builder<T> stopOnEmpty(boolean stopOnEmpty) {
            this.stopOnEmpty = stopOnEmpty;
            return this;
        }

        /**
         * Warms the server up before it binds. {@link #open()} first sends up to
         * {@code datagrams} real datagrams made from the codec's {@link Codec#samplePayload()
         * sample payload} (some junk among them), for at most 2 s, from private sockets on
         * loopback to a private socket of the server's I/O path and transport configuration on an
         * ephemeral loopback port, through the real receive loop ({@link
         * io.udpkit.core.LoopWarmup#runOnLoopback}) and this server's reply path, and reads the
         * replies back, so the JDK's or the batch path's socket calls are compiled too; then runs
         * the same loop over {@code datagrams} synthetic datagrams in memory ({@link
         * io.udpkit.core.LoopWarmup#run}: counting, decoding, dispatch, one in 64 a byte short, so
         * the rejection path is warm too); then waits, at most 3 s, until the JIT has compiled
         * nothing for 100 ms. The first real datagrams then find that code compiled instead of
         * paying for its compilation on their way through. If no private loopback socket can be
         * opened, one INFO line says so and only the synthetic datagrams run.
         *
         * <p>No side effects outside the process: the loopback datagrams go between the pass's own
         * sockets, never to or from the server's port, and those sockets are closed before the
         * server binds; the {@link #handler handler} is not called (no output, no forwarding); and
         * the server's counters start at zero. A codec without a sample payload skips the pass
         * with one INFO line. Default 0: no warm-up. About 20,000 datagrams is enough for the
         * JIT's top tier.
         *
         * @param datagrams how many datagrams each part of the pass drives, 0 (off) to 10,000,000
         * @return this builder
         * @throws IllegalArgumentException if out of range
         * @since 0.1.0
         */
        public Builder<T> warmup(int datagrams) {
            if (datagrams < 0 || datagrams > 10_000_000) {
                throw new IllegalArgumentException("warm-up datagrams out of range 0..10000000: "
                        + datagrams);
            }
            this.warmupDatagrams = datagrams;
            this.warmupStandIn = null;
            return this;
        }

        /**
         * Also sends every decoded value to {@code sink}, through a bounded queue of its own
         * ({@link SinkQueue}: drop newest and count when full), on a thread of its own, so that a
         * slow or unreachable destination never holds up the receive loop. Sinks are started in
         * {@link #open()} and closed, with a deadline, by {@link UdpServer#close()}.
         *
         * @param name what the stats call it, e.g. {@code kafka}; a repeated name gets
         *             {@code -2}, {@code -3}, ... appended
         * @param sink an unopened sink, e.g. from {@link io.udpkit.core.SinkRegistry}
         * @return this builder
         */
        public Builder<T> sink(String name, Sink<?> sink) {
            Objects.requireNonNull(sink, "sink");
            String unique = Objects.requireNonNull(name, "name");
            for (int n = 2; taken(unique); n++) {
                unique = name + "-" + n;
            }
            sinks.add(new NamedSink(unique, sink));
            return this;
        }

        /**
         * Like {@link #warmup(int)}, and the pass also calls {@code standIn} where serving calls
         * the {@link #handler handler}, so the handler's own code is compiled too. The stand-in
         * must have no side effects: give it the handler's work without its output, for example
         * the same formatting written to {@link java.io.Writer#nullWriter()} (what
         * {@code udp-server --warmup} does with its printer). It is called on the thread that
         * calls {@link #open()}, never after {@link #open()} returns.
         *
         * @param datagrams how many datagrams each part of the pass drives, 0 (off) to 10,000,000
         * @param standIn   the side-effect-free stand-in for the handler
         * @return this builder
         * @throws IllegalArgumentException if {@code datagrams} is out of range
         * @since 0.1.0
         */
        public Builder<T> warmup(int datagrams, DatagramHandler<? super T> standIn) {
            warmup(datagrams);
            this.warmupStandIn = Objects.requireNonNull(standIn, "standIn");
            return this;
        }

        /**
         * The most records each sink's queue holds; default {@value SinkQueue#DEFAULT_CAPACITY}.
         *
         * @param records 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<T> sinkQueueCapacity(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("sink queue capacity must be positive: " + records);
            }
            this.sinkQueueCapacity = records;
            return this;
        }

        /**
         * How long {@link UdpServer#close()} waits for the sinks to deliver what they hold;
         * default 10 s.
         *
         * @param deadline the longest wait
         * @return this builder
         */
        public Builder<T> sinkCloseDeadline(Duration deadline) {
            this.sinkCloseDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        private boolean taken(String name) {
            for (NamedSink sink : sinks) {
                if (sink.name.equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Creates the codec, runs the {@link #warmup warm-up pass} if one was asked for, and binds
         * the socket.
         *
         * @return a bound server, ready to {@link UdpServer#serve()}
         * @throws IOException                   if binding fails (address in use, permission)
         * @throws io.udpkit.core.CodecException if the codec name is unknown or its spec invalid
         * @throws IllegalStateException         if both a config and host/port were given
         */
        public UdpServer<T> open() throws IOException {
            Codec<T> chosen = resolveCodec();
            TransportConfig transport = transportConfig();
            IntFunction<? extends DatagramHandler<? super T>> delegates = handlers != null
                    ? handlers
                    : loop -> (value, datagram) -> { };
            if (warmupDatagrams > 0) {
                StartupWarmup.run(transport, chosen, reply, warmupDatagrams,
                        warmupStandIn != null ? warmupStandIn : (value, datagram) -> { });
            }
            UdpEndpoint endpoint = UdpEndpoint.open(transport);
            List<SinkQueue<?>> queues = new ArrayList<>();
            for (NamedSink sink : sinks) {
                queues.add(SinkQueue.start(sink.name, sink.sink, sinkQueueCapacity,
                        SinkQueue.DEFAULT_MAX_QUEUED_BYTES));
            }
            SinkQueue<?>[] sinkArray = queues.toArray(new SinkQueue<?>[0]);
            ReplyPolicy policy = reply;
            boolean stopsOnEmpty = stopOnEmpty;
            IntFunction<ServingHandler<T>> serving = loop -> new ServingHandler<>(endpoint::stop,
                    policy, stopsOnEmpty, delegates.apply(loop), sinkArray,
                    transport.maxDatagramSize());
            return new UdpServer<>(endpoint, chosen, serving, List.copyOf(queues), sinkCloseDeadline);
        }

        @SuppressWarnings("unchecked")
        private Codec<T> resolveCodec() {
            if (codec != null) {
                return (Codec<T>) codec;
            }
            CodecRegistry source = registry != null ? registry : CodecRegistry.installed();
            return (Codec<T>) source.create(codecName, codecSpec);
        }

        private TransportConfig transportConfig() throws IOException {
            TransportConfig.Builder transport;
            if (config != null) {
                if (host != null || port != null) {
                    throw new IllegalStateException("give either a TransportConfig or host/port");
                }
                transport = config.toBuilder();
            } else {
                InetSocketAddress bind = SocketAddresses.resolve(host != null ? host : "127.0.0.1",
                        port != null ? port : 9999);
                transport = TransportConfig.builder().bindAddress(bind);
            }
            if (io != null) {
                transport.io(io);
            }
            if (threads != null) {
                transport.threads(threads);
            }
            return transport.build();
        }

        private void requireNoHandler() {
            if (handlers != null) {
                throw new IllegalStateException("set the codec before the handler");
            }
        }

        @SuppressWarnings("unchecked")
        private <U> Builder<U> retyped() {
            return (Builder<U>) this;
        }

        /** A sink and its name in the stats. */
        private static final class NamedSink {
            final String name;
            final Sink<?> sink;

            NamedSink(String name, Sink<?> sink) {
                this.name = name;
                this.sink = sink;
            }
        }
    }
}
