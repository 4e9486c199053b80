package io.udpkit.server.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the server's counters every interval ({@code --stats-interval}) from a daemon thread, so an
 * operator can watch a long-running server; the receive loop is not touched, it only publishes
 * counters that any thread may read.
 */
final class PeriodicStats implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicStats.class);

    private final ScheduledExecutorService scheduler;

    private PeriodicStats(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts logging {@code stats} every {@code interval}; a zero interval logs nothing.
     *
     * @param interval time between lines, or {@link Duration#ZERO} for none
     * @param stats    the counters as JSON, read at each interval
     * @return a handle whose {@link #close()} stops the logging
     */
    static PeriodicStats start(Duration interval, Supplier<String> stats) {
        if (interval.isZero()) {
            return new PeriodicStats(null);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stats");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(() -> LOG.info("stats: {}", stats.get()),
                millis, millis, TimeUnit.MILLISECONDS);
        return new PeriodicStats(scheduler);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
