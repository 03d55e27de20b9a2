package org.osgix.launcher.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * {@code --log=FILE}: the emulator's diagnostics (java.util.logging and System.Logger, which the
 * JDK routes to it) go to FILE, one line per entry plus any stack trace. Without it the root
 * logger has no handler (the launcher removed the console one), so nothing reaches the guest's
 * stderr.
 */
final class LogFile {
    private LogFile() {
    }

    static void open(String file) throws LaunchException {
        StreamHandler handler;
        try {
            handler = new StreamHandler(new FileOutputStream(file, true), new OneLine()) {
                @Override
                public synchronized void publish(LogRecord record) {
                    super.publish(record);
                    flush(); // the JVM ends with System.exit: nothing may wait in a buffer
                }
            };
        } catch (IOException e) {
            throw new LaunchException("--log: cannot write " + file + ": " + e.getMessage());
        }
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(handler);
    }

    /** {@code TIME LEVEL LOGGER: MESSAGE}, then the stack trace if there is one. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder().append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(' ').append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
