package org.osgix.fd.table.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;

/**
 * A Linux descriptor table. {@link #get} is one lock-free read of an immutable {@link Slot};
 * changes of slots take the writer lock, except close-on-exec, which is a compare-and-set on the
 * slot's generation. Descriptions that lose their last descriptor are released after the writer
 * lock is dropped, because close listeners and the host close may take time or call back.
 */
final class DescriptorTable implements FdTable {
    private final Host host;
    private final SlotArray slots = new SlotArray();
    private final Object writeLock = new Object();
    /** Occupied numbers, for lowest-free allocation; guarded by writeLock. */
    private final BitSet used = new BitSet();
    private volatile int size;
    private volatile int limit;

    DescriptorTable(Host host, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("negative descriptor limit " + limit);
        }
        this.host = host;
        this.limit = limit;
    }

    @Override
    public FdSnapshot get(int fd) {
        return slots.get(fd);
    }

    // --- allocation (writer lock) ---

    @Override
    public int open(FileKind kind, int hostFd, int statusFlags, String path, Object attachment, boolean cloexec) {
        Description file = new Description(host, kind, hostFd, statusFlags, path, attachment);
        synchronized (writeLock) {
            int fd = lowestFree(0);
            if (fd >= 0) {
                occupy(fd, file, cloexec);
                return fd;
            }
        }
        file.release(); // closes the host fd: the caller handed it over
        return -Errno.EMFILE;
    }

    @Override
    public int install(OpenFile file, int minFd, boolean cloexec) {
        if (!(file instanceof Description)) {
            throw new IllegalArgumentException("not a description of this bundle: " + file);
        }
        Description description = (Description) file;
        synchronized (writeLock) {
            if (minFd < 0 || minFd >= limit) {
                return -Errno.EINVAL;
            }
            int fd = lowestFree(minFd);
            if (fd < 0) {
                return -Errno.EMFILE;
            }
            if (!description.retain()) {
                return -Errno.EBADF; // released already: the caller held neither pin nor descriptor
            }
            occupy(fd, description, cloexec);
            return fd;
        }
    }

    @Override
    public int dup(int fd, int minFd, boolean cloexec) {
        synchronized (writeLock) {
            Slot old = slots.get(fd);
            if (old == null) {
                return -Errno.EBADF;
            }
            // F_DUPFD's argument is unsigned in Linux: a negative minimum is beyond any limit
            if (minFd < 0 || minFd >= limit) {
                return -Errno.EINVAL;
            }
            int newFd = lowestFree(minFd);
            if (newFd < 0) {
                return -Errno.EMFILE;
            }
            old.file().retain(); // cannot fail: the old slot holds a reference
            occupy(newFd, old.file(), cloexec);
            return newFd;
        }
    }

    @Override
    public int dup2(int oldFd, int newFd, boolean cloexec, boolean dup3) {
        if (oldFd == newFd) {
            if (dup3) {
                return -Errno.EINVAL;
            }
            return slots.get(oldFd) != null ? newFd : -Errno.EBADF;
        }
        Description replaced;
        synchronized (writeLock) {
            // newfd is unsigned in Linux: negative is beyond the limit too
            if (newFd < 0 || newFd >= limit) {
                return -Errno.EBADF;
            }
            Slot old = slots.get(oldFd);
            if (old == null) {
                return -Errno.EBADF;
            }
            Slot previous = slots.get(newFd);
            old.file().retain();
            if (previous == null) {
                occupy(newFd, old.file(), cloexec);
                replaced = null;
            } else {
                slots.set(newFd, Slot.allocate(newFd, old.file(), cloexec));
                replaced = previous.file();
            }
        }
        if (replaced != null) {
            replaced.release();
        }
        return newFd;
    }

    /** The lowest free number {@code >= minFd} below the limit, or -1. Writer lock held. */
    private int lowestFree(int minFd) {
        int fd = used.nextClearBit(minFd);
        return fd < limit ? fd : -1;
    }

    /** Puts a new allocation in a free slot; the caller already counted the reference. */
    private void occupy(int fd, Description file, boolean cloexec) {
        slots.set(fd, Slot.allocate(fd, file, cloexec));
        used.set(fd);
        size++;
    }

    /** Empties an occupied slot and returns its description, still to be released. */
    private Description vacate(int fd) {
        Description file = slots.get(fd).file();
        slots.set(fd, null);
        used.clear(fd);
        size--;
        return file;
    }

    // --- closing ---

    @Override
    public int close(int fd) {
        Description file;
        synchronized (writeLock) {
            if (slots.get(fd) == null) {
                return -Errno.EBADF;
            }
            file = vacate(fd);
        }
        file.release();
        return 0;
    }

    @Override
    public int closeRange(int first, int last, boolean cloexecOnly) {
        // close_range takes unsigned ints: ~0U (here -1) means "to the end"
        long from = Integer.toUnsignedLong(first);
        long to = Integer.toUnsignedLong(last);
        if (from > to) {
            return -Errno.EINVAL;
        }
        if (from > Integer.MAX_VALUE) {
            return 0;
        }
        List<Description> closed = new ArrayList<>();
        synchronized (writeLock) {
            for (int fd = used.nextSetBit((int) from); fd >= 0 && fd <= to; fd = used.nextSetBit(fd + 1)) {
                if (cloexecOnly) {
                    markCloexec(fd, true);
                } else {
                    closed.add(vacate(fd));
                }
            }
        }
        releaseAll(closed);
        return 0;
    }

    @Override
    public void closeOnExec() {
        List<Description> closed = new ArrayList<>();
        synchronized (writeLock) {
            for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
                if (slots.get(fd).cloexec()) {
                    closed.add(vacate(fd));
                }
            }
        }
        releaseAll(closed);
    }

    @Override
    public void closeAll() {
        List<Description> closed = new ArrayList<>();
        synchronized (writeLock) {
            for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
                closed.add(vacate(fd));
            }
        }
        releaseAll(closed);
    }

    /** Releases every description even if some listener fails; then reports the first failure. */
    private static void releaseAll(List<Description> closed) {
        RuntimeException failure = null;
        for (Description file : closed) {
            try {
                file.release();
            } catch (RuntimeException e) {
                failure = Failures.add(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // --- close-on-exec (lock-free) ---

    @Override
    public boolean compareAndSetCloexec(FdSnapshot expected, boolean cloexec) {
        int fd = expected.fd();
        long generation = expected.generation();
        while (true) {
            Slot current = slots.get(fd);
            if (current == null || current.generation() != generation) {
                return false;
            }
            Slot updated = current.withCloexec(cloexec);
            if (updated == current || slots.compareAndSet(fd, current, updated)) {
                return true;
            }
        }
    }

    @Override
    public int setCloexec(int fd, boolean cloexec) {
        while (true) {
            Slot current = slots.get(fd);
            if (current == null) {
                return -Errno.EBADF;
            }
            if (compareAndSetCloexec(current, cloexec)) {
                return 0;
            }
        }
    }

    /** Sets the flag of an occupied slot, racing only with other compare-and-sets. */
    private void markCloexec(int fd, boolean cloexec) {
        Slot current;
        do {
            current = slots.get(fd);
        } while (!slots.compareAndSet(fd, current, current.withCloexec(cloexec)));
    }

    // --- limits, fork, listing ---

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public void setLimit(int newLimit) {
        if (newLimit < 0) {
            throw new IllegalArgumentException("negative descriptor limit " + newLimit);
        }
        synchronized (writeLock) {
            limit = newLimit;
        }
    }

    @Override
    public FdTable copy() {
        synchronized (writeLock) {
            DescriptorTable child = new DescriptorTable(host, limit);
            for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
                Slot slot = slots.get(fd);
                slot.file().retain();
                child.occupy(fd, slot.file(), slot.cloexec());
            }
            return child;
        }
    }

    @Override
    public List<FdSnapshot> snapshots() {
        synchronized (writeLock) {
            List<FdSnapshot> result = new ArrayList<>(size);
            for (int fd = used.nextSetBit(0); fd >= 0; fd = used.nextSetBit(fd + 1)) {
                result.add(slots.get(fd));
            }
            return result;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String toString() {
        return "FdTable(" + size + " open, limit " + limit + ")";
    }
}
