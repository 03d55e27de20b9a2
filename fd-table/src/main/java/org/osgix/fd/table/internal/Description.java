package org.osgix.fd.table.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.osgix.fd.CloseListener;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;

/**
 * An open file description. One reference count covers both the descriptors that refer to it
 * and the pins of running syscalls; when it drops to zero the description is released: close
 * listeners are told once, then the host fd is closed through the host layer.
 */
final class Description implements OpenFile {
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle REFERENCES;
    private static final VarHandle STATUS_FLAGS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REFERENCES = lookup.findVarHandle(Description.class, "references", int.class);
            STATUS_FLAGS = lookup.findVarHandle(Description.class, "statusFlags", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long id = IDS.incrementAndGet();
    private final Host host;
    private final FileKind kind;
    private final int hostFd;
    private final String path;
    private final Object attachment;

    /** Descriptors + pins; 0 means released (it never rises again). */
    private volatile int references = 1;
    private volatile int statusFlags;

    private final Object listenerLock = new Object();
    private List<CloseListener> closeListeners;
    private boolean released;

    /** A description with one reference: the descriptor about to be installed. */
    Description(Host host, FileKind kind, int hostFd, int statusFlags, String path, Object attachment) {
        this.host = host;
        this.kind = kind;
        this.hostFd = hostFd;
        this.statusFlags = statusFlags;
        this.path = path;
        this.attachment = attachment;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public FileKind kind() {
        return kind;
    }

    @Override
    public int hostFd() {
        return hostFd;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public int statusFlags() {
        return statusFlags;
    }

    @Override
    public int updateStatusFlags(int mask, int bits) {
        int current;
        int updated;
        do {
            current = statusFlags;
            updated = (current & ~mask) | (bits & mask);
        } while (!STATUS_FLAGS.weakCompareAndSet(this, current, updated));
        return updated;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    /** Adds a reference unless the description is already released. */
    @Override
    public boolean tryPin() {
        int current;
        do {
            current = references;
            if (current <= 0) {
                return false;
            }
        } while (!REFERENCES.weakCompareAndSet(this, current, current + 1));
        return true;
    }

    @Override
    public void unpin() {
        release();
    }

    /** Another descriptor now refers to this description (a pin or descriptor is held). */
    boolean retain() {
        return tryPin();
    }

    /** Drops one reference (a descriptor or a pin); the last one releases the description. */
    void release() {
        int remaining = (int) REFERENCES.getAndAdd(this, -1) - 1;
        if (remaining == 0) {
            releaseLast();
        } else if (remaining < 0) {
            REFERENCES.getAndAdd(this, 1);
            throw new IllegalStateException("unpin without a pin on " + this);
        }
    }

    private void releaseLast() {
        List<CloseListener> toTell;
        synchronized (listenerLock) {
            released = true;
            toTell = closeListeners;
            closeListeners = null;
        }
        RuntimeException listenerFailure = null;
        try {
            if (toTell != null) {
                for (CloseListener listener : toTell) {
                    try {
                        listener.released(this);
                    } catch (RuntimeException e) {
                        // the host fd must still close; the failure is reported afterwards
                        listenerFailure = Failures.add(listenerFailure, e);
                    }
                }
            }
        } finally {
            if (hostFd >= 0) {
                host.close(hostFd);
            }
        }
        if (listenerFailure != null) {
            throw listenerFailure;
        }
    }

    @Override
    public boolean isOpen() {
        return references > 0;
    }

    @Override
    public boolean addCloseListener(CloseListener listener) {
        synchronized (listenerLock) {
            if (released) {
                return false;
            }
            if (closeListeners == null) {
                closeListeners = new ArrayList<>(2);
            }
            closeListeners.add(listener);
            return true;
        }
    }

    @Override
    public void removeCloseListener(CloseListener listener) {
        synchronized (listenerLock) {
            if (closeListeners != null) {
                closeListeners.remove(listener);
            }
        }
    }

    @Override
    public String toString() {
        return kind + " #" + id + " host fd " + hostFd + (path == null ? "" : " " + path);
    }
}
