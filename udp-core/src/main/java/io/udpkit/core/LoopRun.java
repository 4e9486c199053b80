package io.udpkit.core;

import java.io.IOException;
import java.util.List;

/**
 * One serve of one loop: its decoder and handler, and, for loops beyond the first, the thread it
 * runs on. {@link #runAll} runs loop 0 on the calling thread and the others on threads of their
 * own, and returns only when all have returned.
 */
final class LoopRun<T> implements Runnable {

    private final ReceiveLoop loop;
    private final Decoder<T> decoder;
    private final DatagramHandler<? super T> handler;
    private final LoopGroup group;
    private StopReason reason;
    private Throwable failure;

    LoopRun(ReceiveLoop loop, Decoder<T> decoder, DatagramHandler<? super T> handler,
            LoopGroup group) {
        this.loop = loop;
        this.decoder = decoder;
        this.handler = handler;
        this.group = group;
    }

    @Override
    public void run() {
        try {
            reason = loop.run(decoder, handler, group);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } finally {
            // Whatever ended this loop ends the others: none outlives a failed or stopped one.
            group.end(reason != null ? reason : StopReason.STOPPED);
        }
    }

    /**
     * Runs every loop and waits for all of them.
     *
     * @return why the loops ended (the reason of the first loop that returned)
     * @throws IOException the first socket failure of any loop, once all have returned
     */
    static <T> StopReason runAll(List<LoopRun<T>> runs, int port) throws IOException {
        Thread[] threads = new Thread[runs.size()];
        for (int i = 1; i < runs.size(); i++) {
            threads[i] = new Thread(runs.get(i), "udp-loop-" + port + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        runs.get(0).run();
        boolean interrupted = false;
        for (int i = 1; i < threads.length; i++) {
            while (true) {
                try {
                    threads[i].join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (LoopRun<T> run : runs) {
            rethrow(run.failure);
        }
        StopReason ending = runs.get(0).group.ending();
        return ending != null ? ending : runs.get(0).reason;
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }
}
