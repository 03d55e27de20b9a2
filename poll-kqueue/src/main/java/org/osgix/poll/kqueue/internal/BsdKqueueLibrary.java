package org.osgix.poll.kqueue.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The host libc's kqueue(2) and kevent(2) through JNA direct mapping (BSD and macOS hosts only:
 * the class is loaded only there). Pointers are raw addresses.
 */
final class BsdKqueueLibrary {
    static {
        Native.register(BsdKqueueLibrary.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private BsdKqueueLibrary() {
    }

    static native int kqueue();

    /** {@code timeout} is a {@code struct timespec} address, or 0 for no timeout. */
    static native int kevent(int kq, long changelist, int nchanges, long eventlist, int nevents, long timeout);
}
