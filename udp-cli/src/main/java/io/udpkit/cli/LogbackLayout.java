package io.udpkit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.slf4j.ILoggerFactory;

/** The logback side of {@link CliLogging}: the only class here that links logback's types. */
final class LogbackLayout {

    static final int DEBUG = Level.DEBUG_INT;
    static final int INFO = Level.INFO_INT;
    static final int WARN = Level.WARN_INT;

    private LogbackLayout() {
    }

    /** Replaces the configuration of {@code factory}, a logback {@link LoggerContext}. */
    static void apply(ILoggerFactory factory, int udpkitLevel, boolean verbose) {
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
        context.getLogger("io.udpkit").setLevel(Level.toLevel(udpkitLevel));
        // Kafka's client logs its whole configuration at INFO and a WARN per reconnect attempt
        // while a broker is gone; the kafka sink says what matters in one line of its own.
        context.getLogger("org.apache.kafka").setLevel(verbose ? Level.WARN : Level.ERROR);
    }
}
