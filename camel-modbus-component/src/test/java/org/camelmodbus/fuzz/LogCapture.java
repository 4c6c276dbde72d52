package org.camelmodbus.fuzz;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what is logged at WARN and above while it is open, from every logger (ours, Netty's: a leak report or an
 * exception that reached the end of a pipeline shows up here), so that a test can assert that nothing was.
 */
final class LogCapture implements AutoCloseable {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    LogCapture() {
        appender = new AbstractAppender("fuzz-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.getLevel() + " " + event.getLoggerName() + " - "
                        + event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        // the root logger, and the loggers whose events do not travel on to it
        for (LoggerConfig logger : config.getLoggers().values()) {
            if (!logger.isAdditive() && logger != config.getRootLogger()) {
                logger.addAppender(appender, Level.WARN, null);
            }
        }
        config.getRootLogger().addAppender(appender, Level.WARN, null);
        context.updateLoggers();
    }

    /** Everything logged at WARN or above so far, as "LEVEL logger - message exception". */
    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(appender.getName());
        }
        config.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
