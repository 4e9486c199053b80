package io.udpkit.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into a clean stop: the first signal calls the stop action, so
 * the server's loop returns, the launcher prints its final stats line and exits 0; a second signal
 * halts the JVM at once (128 + the signal's number). A signal the process was started with
 * ignored (SIGHUP under {@code nohup}) stays ignored.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the only JDK API that lets a program
 * exit normally on SIGTERM. It is reached by reflection because javac warns about every direct
 * reference to it ("internal proprietary API") and that warning cannot be suppressed, while the
 * build fails on warnings. Where it is missing, a shutdown hook stops the server and waits for the
 * launcher to finish; the exit code is then the JVM's (143 for SIGTERM). Shared by the server and
 * client launchers (udp-client's {@code load} command).
 */
public final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final String[] SIGNALS = {"INT", "TERM", "HUP"};
    /** How long a fallback shutdown hook waits for the launcher to print its stats. */
    private static final long HOOK_WAIT_MILLIS = 2_000;

    private final Runnable stop;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile String received;
    private final CountDownLatch finished = new CountDownLatch(1);

    private StopSignals(Runnable stop) {
        this.stop = stop;
    }

    /**
     * Installs the handlers.
     *
     * @param stop what the first signal does; runs on a JVM signal thread
     * @return a handle whose {@link #finished()} the launcher calls once it has printed its last
     *         line
     */
    public static StopSignals install(Runnable stop) {
        StopSignals signals = new StopSignals(stop);
        if (!signals.installSignalHandlers()) {
            signals.installShutdownHook();
        }
        return signals;
    }

    /**
     * The signal that asked for the stop.
     *
     * @return its name, such as {@code "SIGTERM"}, or {@code null} if none arrived
     */
    public String received() {
        return received;
    }

    /** Tells a fallback shutdown hook that the launcher is done. */
    public void finished() {
        finished.countDown();
    }

    private boolean installSignalHandlers() {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method getName = signalClass.getMethod("getName");
            Method getNumber = signalClass.getMethod("getNumber");
            InvocationHandler onSignal = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "handle":
                        onSignal((String) getName.invoke(args[0]), (Integer) getNumber.invoke(args[0]));
                        return null;
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "udpkit stop-signal handler";
                }
            };
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, onSignal);
            handle.invoke(null, newSignal.newInstance(SIGNALS[0]), handler);
            for (int i = 1; i < SIGNALS.length; i++) {
                try {
                    handle.invoke(null, newSignal.newInstance(SIGNALS[i]), handler);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.debug("cannot handle SIG{}: {}", SIGNALS[i], e.toString());
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("sun.misc.Signal unavailable ({}); stopping from a shutdown hook instead",
                    e.toString());
            return false;
        }
    }

    private void onSignal(String name, int number) {
        if (signalled.compareAndSet(false, true)) {
            received = "SIG" + name;
            LOG.info("SIG{} received: stopping (send it again to exit at once)", name);
            stop.run();
        } else {
            Runtime.getRuntime().halt(128 + number);
        }
    }

    private void installShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                finished.await(HOOK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "udpkit-stop"));
    }
}
