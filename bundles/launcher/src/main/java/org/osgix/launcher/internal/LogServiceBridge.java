package org.osgix.launcher.internal;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LoggerFactory;

/**
 * java.util.logging (and System.Logger, which the JDK routes to it) into the OSGi Log Service, so a
 * bundle can add a log listener (LogReaderService) and see the emulator's diagnostics. Nothing is
 * printed by it: without --log=FILE the entries stay in the service's memory for listeners.
 */
final class LogServiceBridge extends Handler {
    /** The service's name: callers check it before this class (and the optional package) is loaded. */
    static final String FACTORY = "org.osgi.service.log.LoggerFactory";
    private final LoggerFactory factory;
    private final SimpleFormatter messages = new SimpleFormatter();

    private LogServiceBridge(LoggerFactory factory) {
        this.factory = factory;
    }

    /** Adds the bridge to the root logger; call only when a {@link #FACTORY} service is registered. */
    static void install(BundleContext context) {
        ServiceReference<LoggerFactory> ref = context.getServiceReference(LoggerFactory.class);
        LoggerFactory factory = ref == null ? null : context.getService(ref);
        if (factory != null) {
            Logger.getLogger("").addHandler(new LogServiceBridge(factory));
        }
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        org.osgi.service.log.Logger logger = factory.getLogger(r.getLoggerName() == null ? "osgix" : r.getLoggerName());
        String message = messages.formatMessage(r);
        Throwable thrown = r.getThrown();
        int level = r.getLevel().intValue();
        // "{}" keeps braces in the message literal; a last Throwable argument is the entry's exception
        if (level >= Level.SEVERE.intValue()) {
            logger.error("{}", message, thrown);
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn("{}", message, thrown);
        } else if (level >= Level.INFO.intValue()) {
            logger.info("{}", message, thrown);
        } else {
            logger.debug("{}", message, thrown);
        }
    }

    @Override
    public void flush() {
        // the service keeps entries in memory and hands them to listeners at once
    }

    @Override
    public void close() {
        // the service outlives this handler
    }
}
