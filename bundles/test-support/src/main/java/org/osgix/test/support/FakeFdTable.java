package org.osgix.test.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgix.fd.CloseListener;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;

/** A descriptor table for tests that only looks descriptors up; its files count their pins. */
public final class FakeFdTable implements FdTable {
    private final Map<Integer, FakeFile> files = new HashMap<>();

    /** Installs a file at {@code fd}. */
    public FakeFile put(int fd, FileKind kind, int statusFlags, int hostFd, String path) {
        FakeFile file = new FakeFile(kind, statusFlags, hostFd, path);
        files.put(fd, file);
        return file;
    }

    @Override
    public FdSnapshot get(int fd) {
        FakeFile file = files.get(fd);
        if (file == null) {
            return null;
        }
        return new FdSnapshot() {
            @Override
            public int fd() {
                return fd;
            }

            @Override
            public long generation() {
                return 1;
            }

            @Override
            public OpenFile file() {
                return file;
            }

            @Override
            public boolean cloexec() {
                return false;
            }
        };
    }

    /**
     * An open file description with the given fields (its id is the host fd); it counts its pins,
     * and {@link #release()} makes tryPin fail like a racing close.
     */
    public record FakeFile(FileKind kind, int statusFlags, int hostFd, String path, Pins pinCount)
            implements OpenFile {
        FakeFile(FileKind kind, int statusFlags, int hostFd, String path) {
            this(kind, statusFlags, hostFd, path, new Pins());
        }

        /** The pins held now. */
        public int pins() {
            return pinCount.held;
        }

        /** The pins ever taken. */
        public int pinsTaken() {
            return pinCount.taken;
        }

        /** Closes the description as a racing close would: pins fail from now on. */
        public void release() {
            pinCount.released = true;
        }

        @Override
        public long id() {
            return hostFd;
        }

        @Override
        public int updateStatusFlags(int mask, int bits) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object attachment() {
            return null;
        }

        @Override
        public boolean tryPin() {
            synchronized (pinCount) {
                if (pinCount.released) {
                    return false;
                }
                pinCount.held++;
                pinCount.taken++;
                return true;
            }
        }

        @Override
        public void unpin() {
            synchronized (pinCount) {
                if (--pinCount.held < 0) {
                    throw new IllegalStateException("unpinned more than pinned");
                }
            }
        }

        @Override
        public boolean isOpen() {
            return !pinCount.released;
        }

        @Override
        public boolean addCloseListener(CloseListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeCloseListener(CloseListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    /** A file's pin counts (the record's mutable part). */
    public static final class Pins {
        private volatile int held;
        private volatile int taken;
        private volatile boolean released;
    }

    @Override
    public int open(FileKind kind, int hostFd, int statusFlags, String path, Object attachment, boolean cloexec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int install(OpenFile file, int minFd, boolean cloexec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int dup(int fd, int minFd, boolean cloexec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int dup2(int oldFd, int newFd, boolean cloexec, boolean dup3) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int close(int fd) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int closeRange(int first, int last, boolean cloexecOnly) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean compareAndSetCloexec(FdSnapshot expected, boolean cloexec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int setCloexec(int fd, boolean cloexec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int limit() {
        return 1024;
    }

    @Override
    public void setLimit(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FdTable copy() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void closeOnExec() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void closeAll() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<FdSnapshot> snapshots() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int size() {
        return files.size();
    }
}
