package io.udpkit.core.testing;

import io.udpkit.core.Codec;
import io.udpkit.core.DatagramHandler;
import io.udpkit.core.StopReason;
import io.udpkit.core.TransportStats;
import io.udpkit.core.UdpEndpoint;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Runs {@link UdpEndpoint#serve} on its own daemon thread, so a test can send datagrams and watch
 * the counters. Closing stops the loop and waits for it.
 */
public final class BackgroundServe implements AutoCloseable {

    /** How long the helpers wait for the loop before failing the test. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private final UdpEndpoint endpoint;
    private final CompletableFuture<StopReason> result = new CompletableFuture<>();
    private final Thread thread;

    private <T> BackgroundServe(UdpEndpoint endpoint, Codec<T> codec,
            DatagramHandler<? super T> handler) {
        this.endpoint = endpoint;
        this.thread = new Thread(() -> {
            try {
                result.complete(endpoint.serve(codec, handler));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "udp-serve");
        thread.setDaemon(true);
    }

    /**
     * Starts {@code endpoint.serve(codec, handler)} on a new thread named {@code udp-serve}.
     *
     * @param endpoint the endpoint to serve
     * @param codec    the codec
     * @param handler  the handler
     * @param <T>      the decoded type
     * @return the running loop
     */
    public static <T> BackgroundServe start(UdpEndpoint endpoint, Codec<T> codec,
            DatagramHandler<? super T> handler) {
        BackgroundServe serve = new BackgroundServe(endpoint, codec, handler);
        serve.thread.start();
        return serve;
    }

    /**
     * The thread running the loop, e.g. to measure its allocations.
     *
     * @return the loop's thread
     */
    public Thread thread() {
        return thread;
    }

    /**
     * Polls {@link UdpEndpoint#stats()} every millisecond until {@code condition} holds.
     *
     * @param condition what the stats must show
     * @return the stats that satisfied it
     * @throws AssertionError if it does not hold within {@link #PATIENCE}; the message shows the
     *                        last stats
     */
    public TransportStats awaitStats(Predicate<TransportStats> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        TransportStats stats = endpoint.stats();
        // Bounded by count as well as time: at most PATIENCE in 1 ms steps.
        for (long i = 0; i < PATIENCE.toMillis() * 2 && System.nanoTime() - deadline < 0; i++) {
            stats = endpoint.stats();
            if (condition.test(stats)) {
                return stats;
            }
            if (result.isDone()) {
                break;
            }
            sleepMillis(1);
        }
        stats = endpoint.stats();
        if (condition.test(stats)) {
            return stats;
        }
        throw new AssertionError("stats never reached the expected state: " + stats
                + (result.isDone() ? " (the loop ended: " + describeResult() + ")" : ""));
    }

    /**
     * Waits for the loop to return.
     *
     * @return why it returned
     * @throws AssertionError if it does not return within {@link #PATIENCE} or threw
     */
    public StopReason awaitResult() {
        try {
            return result.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("serve() did not return within " + PATIENCE, e);
        } catch (ExecutionException e) {
            throw new AssertionError("serve() threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops the loop if it still runs and waits for it. */
    @Override
    public void close() {
        if (!result.isDone()) {
            endpoint.stop();
            awaitResult();
        }
    }

    private String describeResult() {
        try {
            return String.valueOf(result.getNow(null));
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause().toString() : e.toString();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
