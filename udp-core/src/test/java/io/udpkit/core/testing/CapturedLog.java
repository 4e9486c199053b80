package io.udpkit.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger logs while open (needs logback-classic as the SLF4J binding), so a test
 * can assert on warnings and on how many lines a flood produced.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
    }

    /**
     * Starts capturing a class's logger at INFO and above.
     *
     * @param source the class whose logger to capture
     * @return the capture; close it to detach
     */
    public static CapturedLog of(Class<?> source) {
        return of(source, Level.INFO);
    }

    /**
     * Starts capturing a class's logger at the given level and above.
     *
     * @param source the class whose logger to capture
     * @param level  the logger's level while captured
     * @return the capture; close it to detach
     */
    public static CapturedLog of(Class<?> source, Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(source), level);
    }

    /**
     * The formatted messages logged at exactly {@code level} so far.
     *
     * @param level the level
     * @return the messages, oldest first
     */
    public List<String> messages(Level level) {
        return events().stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .collect(Collectors.toList());
    }

    /**
     * The events logged so far, with their levels and throwables.
     *
     * @return a copy of the events, oldest first
     */
    public List<ILoggingEvent> events() {
        // AppenderBase.doAppend holds the appender's monitor while it adds to the list.
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        appender.stop();
    }
}
