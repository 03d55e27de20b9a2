package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The signal dispositions and mask a process started natively in osgix's place would inherit:
 * the ignored set (nohup's SIGHUP, a background job's SIGINT, a shell's {@code trap ''}) and the
 * blocked mask. Read from this host process before osgix installs any handler of its own (the JVM
 * leaves an inherited SIG_IGN of SIGINT, SIGTERM and SIGHUP in place); SIGPIPE and SIGXFSZ the
 * JVM takes over whatever they were, so ./osgix passes its own ignored set for those two.
 */
final class InheritedSignals {
    /** The launch option ./osgix sets: its SigIgn, in hex. */
    static final String OPTION = "inherited-sigign";
    private static final long JVM_TAKEN = 1L << (13 - 1) | 1L << (25 - 1); // SIGPIPE, SIGXFSZ

    private InheritedSignals() {
    }

    /** {ignored, blocked} as sigset bit masks (bit N-1 for signal N); zeros where unreadable. */
    static long[] read(String scriptIgnored) {
        long ignored = 0, blocked = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    ignored = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                } else if (line.startsWith("SigBlk:")) {
                    blocked = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new long[2];
        }
        if (scriptIgnored != null) {
            try {
                ignored |= Long.parseUnsignedLong(scriptIgnored.trim(), 16) & JVM_TAKEN;
            } catch (NumberFormatException malformed) {
                // the JVM's view stands
            }
        }
        return new long[] {ignored, blocked};
    }
}
