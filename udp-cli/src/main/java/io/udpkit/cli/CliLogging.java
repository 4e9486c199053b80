package io.udpkit.cli;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sends the launchers' logs to stderr in the Python recipe's layout, {@code [thread (pid)] message}.
 *
 * <p>Configured in code, not with a {@code logback.xml} on the class path, so that the library
 * jars never impose a logging configuration on an application that uses them.
 */
public final class CliLogging {

    private CliLogging() {
    }

    /**
     * Replaces logback's configuration: one stderr appender, INFO, or DEBUG for udpkit's own
     * loggers when {@code verbose} (per-datagram lines, first stack traces). Does nothing when
     * SLF4J is bound to another backend or to none (logback is optional: on the module path a
     * launch without it still runs, silently).
     *
     * @param verbose {@code true} for udpkit DEBUG lines
     */
    public static void configure(boolean verbose) {
        configure(verbose ? LogbackLayout.DEBUG : LogbackLayout.INFO, verbose);
    }

    /**
     * Like {@link #configure(boolean)}, but without {@code -v} udpkit logs only warnings: for
     * one-shot commands such as a client's {@code send}, whose stdout is the result.
     *
     * @param verbose {@code true} for udpkit DEBUG lines
     */
    public static void configureQuiet(boolean verbose) {
        configure(verbose ? LogbackLayout.DEBUG : LogbackLayout.WARN, verbose);
    }

    private static void configure(int udpkitLevel, boolean verbose) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        // By name: LogbackLayout (which links logback's classes) loads only when logback is there.
        if (factory.getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            LogbackLayout.apply(factory, udpkitLevel, verbose);
        }
    }
}
