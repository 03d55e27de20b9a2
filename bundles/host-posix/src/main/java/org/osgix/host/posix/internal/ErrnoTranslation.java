package org.osgix.host.posix.internal;

import com.sun.jna.Platform;

/**
 * Maps the host's errno values to Linux (asm-generic) errno values. Linux hosts use the identity;
 * another host (macOS: EAGAIN is 35 there, not 11) would add a table here.
 */
@FunctionalInterface
interface ErrnoTranslation {
    ErrnoTranslation IDENTITY = hostErrno -> hostErrno;

    /** The Linux errno for a host errno (a positive number). */
    int toLinux(int hostErrno);

    /** The translation for the host this JVM runs on. */
    static ErrnoTranslation forCurrentHost() {
        if (Platform.isLinux()) {
            return IDENTITY;
        }
        throw new UnsupportedOperationException("no errno translation for host OS " + System.getProperty("os.name"));
    }
}
