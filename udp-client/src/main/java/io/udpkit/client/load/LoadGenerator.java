package io.udpkit.client.load;

import io.udpkit.core.DatagramLimits;
import io.udpkit.core.TransportConfig;
import io.udpkit.core.TruncatedDatagramException;
import io.udpkit.core.UdpEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SynchronizedHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one payload to one UDP target at a fixed rate (or as fast as it can) for a fixed time,
 * and, when replies are expected, matches them to requests and measures round trips.
 *
 * <p><b>Coordinated omission.</b> At a fixed rate, datagram k is due at {@code start + k / rate}
 * and its round trip is measured from that intended time, not from when it actually left: when
 * the sender or the machine stalls, the requests that should have gone out during the stall carry
 * the stall in their RTT, as a real client's users would see it. At an unlimited rate there is no
 * schedule, and RTT runs from the actual send.
 *
 * <p><b>Reply matching.</b> A {@linkplain LoadPlan#sequenced() sequenced} plan stamps each
 * request's number into its payload and matches each reply by the number at the start of the
 * reply: exact in any order, and a request without a reply within the reply timeout of its
 * intended send time is counted lost. Replies with no valid number, with the number of a request
 * already answered or already counted lost, or from another address are counted as unmatched.
 *
 * <p>A fixed payload carries no number, so replies are matched to requests by order: a receiving
 * thread takes each reply from the target as the answer to the oldest request still outstanding.
 * The final loss count is exact for a server that answers each request once, in order, but a
 * lost request is only noticed when replies stop coming: until then every later reply is
 * attributed to the request before its own, so each loss overstates all later round trips by one
 * send interval (at 20,000/s, 100 lost requests add 5 ms). Use a sequenced plan where loss is
 * possible; {@link LoadReport} says which matching a run used, and once a request is lost in an
 * order-matched run it reports the round trips as invalid rather than printing wrong ones.
 *
 * <p><b>Intervals and jitter.</b> {@link #nextInterval()} gives what happened since its previous
 * call (sends, replies, losses, round-trip percentiles of that interval alone), as iperf3 prints
 * per second. Jitter is RFC 3550's interarrival estimate over consecutive replies' round trips.
 * The kernel's drops at the generator's own socket are read at the start and on each report, so
 * a loss can be placed: at this client's socket (its receive buffer was full) or beyond it.
 *
 * <p>The send path reuses one buffer and allocates nothing per datagram. One generator runs once:
 * {@link #run()} blocks the calling thread; {@link #stop()} and {@link #snapshot()} may be called
 * from any other thread.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    /** How often the receiving thread wakes to time out requests when no reply comes. */
    private static final Duration RECEIVE_POLL = Duration.ofMillis(10);
    /**
     * Below this the sender yields instead of parking: parking overshoots by tens of µs. It
     * yields rather than spins so that the receiving thread still runs when both share a core.
     */
    private static final long SPIN_THRESHOLD_NANOS = 100_000;
    /** Outstanding requests kept for matching; enough for 2 M/s with a 1 s timeout. */
    private static final int MAX_OUTSTANDING = 1 << 22;
    /** Replies held while their request is not yet published; more are counted unmatched. */
    private static final int MAX_EARLY_REPLIES = 1024;
    /**
     * SO_RCVBUF requested when replies are expected (the kernel caps it at net.core.rmem_max), so
     * that replies queue here rather than being dropped while the receiving thread is descheduled:
     * the generator should not be what loses them.
     */
    private static final int REPLY_RECEIVE_BUFFER_BYTES = 4 << 20;
    /** RTTs above an hour are recorded as an hour. */
    private static final long HIGHEST_RTT_NANOS = Duration.ofHours(1).toNanos();

    private final LoadPlan plan;
    private final UdpEndpoint endpoint;
    private final ByteBuffer sendBuffer;
    private final long replyTimeoutNanos;
    /** Intended send time of request k at {@code k & mask}; written by the sender before it publishes k. */
    private final long[] intendedSendTimes;
    private final int mask;
    private final Histogram rtt;
    /** The round trips since the last {@link #nextInterval()}. */
    private final Recorder intervalRtt;
    /** This socket's drops when the run began; -1 when they cannot be read. */
    private final long dropsAtStart;
    private final AtomicBoolean started = new AtomicBoolean();

    private volatile boolean stopped;
    /** Whether {@link #stop()} cut the run short, fixed when the run ends. */
    private volatile boolean endedByStop;
    private volatile boolean senderDone;
    private volatile long startNanos;
    private volatile long endNanos;
    // Written by the sending thread only.
    private volatile long sent;
    private volatile long sendErrors;
    private volatile long maxSendLagNanos;
    // Written by the receiving thread only. matched: every request below it is decided
    // (answered or lost); in order-matched runs it equals replies + lost.
    private volatile long matched;
    private volatile long replies;
    private volatile long lost;
    private volatile long unmatchedReplies;
    /** RFC 3550 interarrival jitter over the replies' round trips; the receiving thread's. */
    private final InterarrivalJitter jitter = new InterarrivalJitter();
    // The interval caller's own (one thread, see nextInterval): the previous interval's end.
    private long intervalEndNanos;
    private long intervalSent;
    private long intervalReplies;
    private long intervalLost;
    private long intervalDrops;
    // The receiving thread's own: arrival times (and, when sequenced, request numbers) of replies
    // that beat their request's publication.
    private final long[] earlyArrivals = new long[MAX_EARLY_REPLIES];
    private final long[] earlySequences = new long[MAX_EARLY_REPLIES];
    // Sequenced plans: whether request k (at k & mask) has been answered; the receiver's own.
    private final boolean[] answered;
    private int earlyHead;
    private int earlyCount;
    // When sending ended (nanoTime), for the achieved rate.
    private volatile long sendEndNanos;

    private LoadGenerator(LoadPlan plan, UdpEndpoint endpoint) {
        this.plan = plan;
        this.endpoint = endpoint;
        byte[] payload = plan.payload();
        this.sendBuffer = ByteBuffer.allocateDirect(Math.max(1, payload.length));
        sendBuffer.put(payload).flip();
        this.replyTimeoutNanos = plan.replyTimeout().toNanos();
        int outstanding = plan.expectReply() ? outstandingCapacity(plan) : 1;
        this.intendedSendTimes = new long[outstanding];
        this.mask = outstanding - 1;
        this.answered = plan.sequenced() && plan.expectReply() ? new boolean[outstanding] : null;
        this.rtt = plan.expectReply() ? new SynchronizedHistogram(HIGHEST_RTT_NANOS, 3) : null;
        this.intervalRtt = plan.expectReply() ? new Recorder(HIGHEST_RTT_NANOS, 3) : null;
        this.dropsAtStart = socketDrops();
        this.intervalDrops = dropsAtStart;
    }

    /**
     * Binds a socket on an ephemeral port (on the loopback address for a loopback target, else on
     * the wildcard address) for the plan.
     *
     * @param plan what to run
     * @return a generator ready to {@link #run()}
     * @throws IOException if the socket cannot be bound
     */
    public static LoadGenerator open(LoadPlan plan) throws IOException {
        Objects.requireNonNull(plan, "plan");
        InetAddress address = plan.target().getAddress();
        boolean v4 = address instanceof Inet4Address;
        String local = address.isLoopbackAddress() ? (v4 ? "127.0.0.1" : "::1") : (v4 ? "0.0.0.0" : "::");
        UdpEndpoint endpoint = UdpEndpoint.open(TransportConfig.builder()
                .bindAddress(new InetSocketAddress(InetAddress.getByName(local), 0))
                .reuseAddress(false)
                .receiveBufferSize(plan.receiveBufferSize() > 0 ? plan.receiveBufferSize()
                        : plan.expectReply() ? REPLY_RECEIVE_BUFFER_BYTES : 0)
                .build());
        return new LoadGenerator(plan, endpoint);
    }

    /** Room for twice the requests that can be outstanding at once, as a power of two. */
    private static int outstandingCapacity(LoadPlan plan) {
        if (plan.unlimitedRate()) {
            return MAX_OUTSTANDING;
        }
        double window = plan.ratePerSecond() * (plan.replyTimeout().toNanos() / 1e9 + 0.1) * 2;
        int wanted = (int) Math.min(MAX_OUTSTANDING, Math.max(1024, window));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    /**
     * The address replies must come to.
     *
     * @return the bound local address
     */
    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /**
     * Sends for the plan's duration (or until {@link #stop()}), then waits up to the reply timeout
     * for the last replies. Runs once.
     *
     * @return the final report
     * @throws IllegalStateException if the generator has already run
     * @throws IOException           if receiving fails (send failures are counted, not thrown)
     */
    public LoadReport run() throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a load generator runs once");
        }
        Thread receiver = null;
        IOException[] receiveFailure = new IOException[1];
        startNanos = System.nanoTime();
        if (plan.expectReply()) {
            receiver = new Thread(() -> {
                try {
                    receiveReplies();
                } catch (IOException e) {
                    receiveFailure[0] = e;
                    stopped = true;
                } catch (RuntimeException e) {
                    receiveFailure[0] = new IOException("receiving replies failed: " + e, e);
                    stopped = true;
                }
            }, "udpkit-load-receiver");
            receiver.setDaemon(true);
            receiver.start();
        }
        try {
            sendAll();
        } finally {
            sendEndNanos = System.nanoTime();
            senderDone = true;
        }
        if (receiver != null) {
            joinUninterruptibly(receiver);
        }
        endedByStop = stopped;
        endNanos = System.nanoTime();
        if (receiveFailure[0] != null) {
            throw receiveFailure[0];
        }
        return report(endNanos, true);
    }

    /**
     * Ends the run early: sending stops, outstanding requests stay in flight, and {@link #run()}
     * returns promptly. Safe from any thread, idempotent.
     */
    public void stop() {
        stopped = true;
    }

    /**
     * The run so far, for a progress report; the final report once the run has ended.
     *
     * @return a report (all zero before {@link #run()} starts)
     */
    public LoadReport snapshot() {
        long end = endNanos;
        if (end != 0) {
            return report(end, true);
        }
        return report(startNanos == 0 ? 0 : System.nanoTime(), false);
    }

    /**
     * What happened since the previous call (or since the start): that interval's sends,
     * replies, losses, socket drops and round-trip percentiles, not the totals. For one thread
     * (the one printing progress); after the run has ended, one last call gives the remainder.
     *
     * @return the interval just ended
     */
    public LoadInterval nextInterval() {
        long start = startNanos;
        long now = endNanos != 0 ? endNanos : start == 0 ? 0 : System.nanoTime();
        long to = start == 0 ? 0 : now - start;
        // The receiver's counters before the sender's, as in report().
        long repliesNow = replies;
        long lostNow = lost;
        Histogram rttNow = intervalRtt == null ? null : intervalRtt.getIntervalHistogram();
        double jitterNow = jitter.nanos();
        long sentNow = sent;
        long dropsNow = dropsAtStart < 0 ? -1 : socketDrops();
        LoadInterval interval = new LoadInterval(plan, intervalEndNanos, Math.max(to, intervalEndNanos),
                sentNow - intervalSent, repliesNow - intervalReplies, lostNow - intervalLost,
                dropsNow < 0 || intervalDrops < 0 ? -1 : dropsNow - intervalDrops, jitterNow,
                LoadReport.rttInvalidReason(plan, lostNow), rttNow);
        intervalEndNanos = Math.max(to, intervalEndNanos);
        intervalSent = sentNow;
        intervalReplies = repliesNow;
        intervalLost = lostNow;
        intervalDrops = dropsNow;
        return interval;
    }

    private LoadReport report(long nowNanos, boolean finished) {
        // Read the receiver's counters before the sender's, so that replies + lost <= sent.
        long repliesNow = replies;
        long lostNow = lost;
        long unmatchedNow = unmatchedReplies;
        double jitterNow = jitter.nanos();
        Histogram rttNow = rtt == null ? null : rtt.copy();
        long dropsNow = dropsAtStart < 0 ? -1 : socketDrops();
        long start = startNanos;
        long sendEnd = sendEndNanos;
        long sendingNanos = start == 0 ? 0 : (sendEnd != 0 ? sendEnd : nowNanos) - start;
        return new LoadReport(plan, start == 0 ? 0 : nowNanos - start, sendingNanos, sent,
                sendErrors,
                maxSendLagNanos, repliesNow, lostNow, unmatchedNow, finished,
                finished ? endedByStop : stopped, rttNow, jitterNow,
                dropsNow < 0 ? -1 : dropsNow - dropsAtStart);
    }

    /**
     * The kernel's drops at this generator's socket (its line in /proc/net/udp[6]), chiefly
     * replies that found the receive buffer full; -1 when they cannot be read.
     */
    private long socketDrops() {
        return endpoint.stats().socketDrops();
    }

    private void sendAll() {
        long start = startNanos;
        long durationNanos = plan.duration().toNanos();
        boolean unlimited = plan.unlimitedRate();
        double intervalNanos = unlimited ? 0 : 1e9 / plan.ratePerSecond();
        int limit = sendBuffer.limit();
        long k = 0;
        while (!stopped) {
            long intended;
            if (unlimited) {
                intended = System.nanoTime();
                if (intended - start >= durationNanos) {
                    break;
                }
            } else {
                long offset = (long) (k * intervalNanos);
                if (offset >= durationNanos) {
                    break;
                }
                intended = start + offset;
                if (!waitUntil(intended)) {
                    break;
                }
                long lag = System.nanoTime() - intended;
                if (lag > maxSendLagNanos) {
                    maxSendLagNanos = lag;
                }
            }
            k++;
            if (rtt != null && !waitForRoom()) {
                break;
            }
            long n = sent;
            intendedSendTimes[(int) (n & mask)] = intended;
            if (plan.sequenced()) {
                stampSequence(n);
            }
            sendBuffer.limit(limit).position(0);
            try {
                endpoint.send(sendBuffer, plan.target());
            } catch (IOException e) {
                sendErrors = sendErrors + 1;
                if (sendErrors == 1) {
                    LOG.warn("send to {} failed (further failures are only counted): {}",
                            plan.target(), e.getMessage());
                }
                continue;
            }
            sent = n + 1;
        }
    }

    /** Writes request number {@code n} over the first payload bytes as zero-padded digits. */
    private void stampSequence(long n) {
        long rest = n;
        for (int i = LoadPlan.SEQUENCE_DIGITS - 1; i >= 0; i--) {
            sendBuffer.put(i, (byte) ('0' + rest % 10));
            rest /= 10;
        }
    }

    /** The request number stamped at the start of {@code reply}, or -1 if there is none. */
    private static long readSequence(ByteBuffer reply) {
        if (reply.position() < LoadPlan.SEQUENCE_DIGITS) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < LoadPlan.SEQUENCE_DIGITS; i++) {
            int digit = reply.get(i) - '0';
            if (digit < 0 || digit > 9 || n > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            n = n * 10 + digit;
        }
        return n;
    }

    /** Waits for {@code deadline} (a nanoTime); false if stopped meanwhile. */
    private boolean waitUntil(long deadline) {
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            if (stopped) {
                return false;
            }
            if (remaining > SPIN_THRESHOLD_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_THRESHOLD_NANOS);
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * Waits while every slot holds an undecided request: the receiver frees slots as replies come
     * or requests time out, so this waits at most about one reply timeout.
     */
    private boolean waitForRoom() {
        while (sent - matched > mask) {
            if (stopped) {
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        return true;
    }

    private void receiveReplies() throws IOException {
        ByteBuffer reply = ByteBuffer.allocate(DatagramLimits.MAX_UDP_PAYLOAD);
        InetSocketAddress target = plan.target();
        while (!stopped) {
            boolean done = senderDone;
            InetSocketAddress from;
            reply.clear();
            try {
                from = endpoint.receive(reply, RECEIVE_POLL);
            } catch (TruncatedDatagramException e) {
                from = e.sender();
            }
            long now = System.nanoTime();
            long published = sent;
            boolean fromTarget = from != null && from.equals(target);
            if (from != null && !fromTarget) {
                unmatchedReplies = unmatchedReplies + 1;
            }
            if (answered != null) {
                matchEarlySequenced(published);
                if (fromTarget) {
                    matchSequenced(readSequence(reply), now, published);
                }
                timeOutSequenced(now, published);
            } else {
                matchEarlyReplies(published);
                if (fromTarget && (earlyCount > 0 || !matchReply(now, published))) {
                    holdEarlyReply(now, -1);
                }
                timeOut(now, published);
            }
            if (done && matched == published) {
                break;
            }
        }
        // Replies still held had no request to answer.
        unmatchedReplies = unmatchedReplies + earlyCount;
        earlyCount = 0;
    }

    /**
     * Takes a reply that arrived at {@code arrival} as the answer to the oldest outstanding
     * request, after timing out the requests already too old at that moment.
     *
     * @return false if no request was outstanding
     */
    private boolean matchReply(long arrival, long published) {
        timeOut(arrival, published);
        long request = matched;
        if (request >= published) {
            return false;
        }
        recordRoundTrip(arrival - intendedSendTimes[(int) (request & mask)]);
        replies = replies + 1;
        matched = request + 1;
        return true;
    }

    /**
     * Records one round trip in the run's and the interval's histograms and in the jitter
     * estimate, in arrival order.
     */
    private void recordRoundTrip(long nanos) {
        long roundTrip = Math.min(Math.max(nanos, 1), HIGHEST_RTT_NANOS);
        rtt.recordValue(roundTrip);
        intervalRtt.recordValue(roundTrip);
        jitter.update(roundTrip);
    }

    /**
     * Holds a reply that came before any outstanding request was published. The sender publishes
     * a request just after the socket takes it, so a fast echo can beat the publication; the
     * reply is matched, with its real arrival time, once the request shows up.
     */
    private void holdEarlyReply(long arrival, long sequence) {
        if (earlyCount == earlyArrivals.length) {
            unmatchedReplies = unmatchedReplies + 1;
            return;
        }
        int slot = (earlyHead + earlyCount) % earlyArrivals.length;
        earlyArrivals[slot] = arrival;
        earlySequences[slot] = sequence;
        earlyCount++;
    }

    /**
     * Sequenced matching: records the round trip of request {@code sequence}, or counts the reply
     * as unmatched when the number is invalid, beyond anything sent, already answered, or of a
     * request already counted lost. A number just beyond what is published is held: the sender
     * publishes a request only after the socket has taken it, and a fast echo can beat that.
     */
    private void matchSequenced(long sequence, long arrival, long published) {
        if (sequence < 0 || sequence < matched || sequence >= published + MAX_EARLY_REPLIES) {
            unmatchedReplies = unmatchedReplies + 1;
            return;
        }
        if (sequence >= published) {
            holdEarlyReply(arrival, sequence);
            return;
        }
        int slot = (int) (sequence & mask);
        if (answered[slot]) {
            unmatchedReplies = unmatchedReplies + 1;
            return;
        }
        answered[slot] = true;
        recordRoundTrip(arrival - intendedSendTimes[slot]);
        replies = replies + 1;
        advanceAnswered(published);
    }

    /** Matches held replies whose requests are now published; keeps the rest, in order. */
    private void matchEarlySequenced(long published) {
        int kept = 0;
        for (int i = 0; i < earlyCount; i++) {
            int from = (earlyHead + i) % earlyArrivals.length;
            long sequence = earlySequences[from];
            long arrival = earlyArrivals[from];
            if (sequence < published) {
                matchSequenced(sequence, arrival, published);
            } else {
                // kept <= i: this never overwrites an entry not yet read.
                int to = (earlyHead + kept) % earlyArrivals.length;
                earlySequences[to] = sequence;
                earlyArrivals[to] = arrival;
                kept++;
            }
        }
        earlyCount = kept;
    }

    /** Moves the decided frontier past answered requests, freeing their slots for the sender. */
    private void advanceAnswered(long published) {
        long request = matched;
        while (request < published && answered[(int) (request & mask)]) {
            answered[(int) (request & mask)] = false;
            request++;
        }
        matched = request;
    }

    /** Sequenced: counts as lost every unanswered request older than the reply timeout. */
    private void timeOutSequenced(long now, long published) {
        long request = matched;
        long expired = 0;
        while (request < published) {
            int slot = (int) (request & mask);
            if (answered[slot]) {
                answered[slot] = false;
            } else if (now - intendedSendTimes[slot] > replyTimeoutNanos) {
                expired++;
            } else {
                break;
            }
            request++;
        }
        if (expired > 0) {
            lost = lost + expired;
        }
        matched = request;
    }

    private void matchEarlyReplies(long published) {
        while (earlyCount > 0 && matchReply(earlyArrivals[earlyHead], published)) {
            earlyHead = (earlyHead + 1) % earlyArrivals.length;
            earlyCount--;
        }
    }

    /** Counts as lost every outstanding request older than the reply timeout. */
    private void timeOut(long now, long published) {
        long request = matched;
        long expired = 0;
        while (request < published
                && now - intendedSendTimes[(int) (request & mask)] > replyTimeoutNanos) {
            request++;
            expired++;
        }
        if (expired > 0) {
            lost = lost + expired;
            matched = request;
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the socket.
     *
     * @throws UncheckedIOException never in practice; closing a UDP socket does not fail
     */
    @Override
    public void close() {
        try {
            endpoint.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
