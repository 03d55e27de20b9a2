package org.osgix.io.ioctl.internal;

import java.util.List;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;

/**
 * A real descriptor table with a controllable race: a test arms {@link #beforeFlagChange} and
 * the next close-on-exec change (compare-and-set or by number) runs it first, exactly between the
 * handler's validation and its flip, where a concurrent close or reopen would land.
 */
final class RacingFdTable implements FdTable {
    private final FdTable real;
    private Runnable beforeFlagChange;

    RacingFdTable(FdTable real) {
        this.real = real;
    }

    /** Runs {@code race} once, before the next flag change. */
    void beforeFlagChange(Runnable race) {
        this.beforeFlagChange = race;
    }

    private void race() {
        Runnable r = beforeFlagChange;
        beforeFlagChange = null;
        if (r != null) {
            r.run();
        }
    }

    @Override
    public boolean compareAndSetCloexec(FdSnapshot expected, boolean cloexec) {
        race();
        return real.compareAndSetCloexec(expected, cloexec);
    }

    @Override
    public int setCloexec(int fd, boolean cloexec) {
        race();
        return real.setCloexec(fd, cloexec);
    }

    @Override
    public FdSnapshot get(int fd) {
        return real.get(fd);
    }

    @Override
    public int open(FileKind kind, int hostFd, int statusFlags, String path, Object attachment, boolean cloexec) {
        return real.open(kind, hostFd, statusFlags, path, attachment, cloexec);
    }

    @Override
    public int install(OpenFile file, int minFd, boolean cloexec) {
        return real.install(file, minFd, cloexec);
    }

    @Override
    public int dup(int fd, int minFd, boolean cloexec) {
        return real.dup(fd, minFd, cloexec);
    }

    @Override
    public int dup2(int oldFd, int newFd, boolean cloexec, boolean dup3) {
        return real.dup2(oldFd, newFd, cloexec, dup3);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }

    @Override
    public int closeRange(int first, int last, boolean cloexecOnly) {
        return real.closeRange(first, last, cloexecOnly);
    }

    @Override
    public int limit() {
        return real.limit();
    }

    @Override
    public void setLimit(int limit) {
        real.setLimit(limit);
    }

    @Override
    public FdTable copy() {
        return real.copy();
    }

    @Override
    public void closeOnExec() {
        real.closeOnExec();
    }

    @Override
    public void closeAll() {
        real.closeAll();
    }

    @Override
    public List<FdSnapshot> snapshots() {
        return real.snapshots();
    }

    @Override
    public int size() {
        return real.size();
    }
}
