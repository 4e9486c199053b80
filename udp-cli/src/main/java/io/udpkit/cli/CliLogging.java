package io.udpkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
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
     * SLF4J is bound to another backend.
     *
     * @param verbose {@code true} for udpkit DEBUG lines
     */
    public static void configure(boolean verbose) {
        configure(verbose ? Level.DEBUG : Level.INFO, verbose);
    }

    /**
     * Like {@link #configure(boolean)}, but without {@code -v} udpkit logs only warnings: for
     * one-shot commands such as a client's {@code send}, whose stdout is the result.
     *
     * @param verbose {@code true} for udpkit DEBUG lines
     */
    public static void configureQuiet(boolean verbose) {
        configure(verbose ? Level.DEBUG : Level.WARN, verbose);
    }

    private static void configure(Level udpkitLevel, boolean verbose) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            return;
        }
        LoggerContext context = (LoggerContext) factory;
        context.reset();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // Parentheses group in logback patterns, so the literal ones are escaped. Without -v a
        // logged exception shows only its message: errors stay one line.
        encoder.setPattern("[%thread \\(" + ProcessHandle.current().pid() + "\\)] %msg%n"
                + (verbose ? "" : "%nopex"));
        // UTF-8 whatever the locale, like stdout (logback would use the platform charset).
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        context.getLogger("io.udpkit").setLevel(udpkitLevel);
        // Kafka's client logs its whole configuration at INFO and a WARN per reconnect attempt
        // while a broker is gone; the kafka sink says what matters in one line of its own.
        context.getLogger("org.apache.kafka").setLevel(verbose ? Level.WARN : Level.ERROR);
    }
}
