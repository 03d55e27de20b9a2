package org.osgix.loader.elf.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgix.host.Host;
import org.osgix.host.HostFdListener;
import org.osgix.host.NativeMemory;

/**
 * Test double: the few {@link Host} calls the loader and the test address space need, through
 * JNA. Used only while the real host-posix bundle is not available to this module.
 */
final class JnaTestHost implements Host {
    interface LibC extends Library {
        int openat(int dirFd, String path, int flags, int mode) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        long pread(int fd, long buf, long count, long offset) throws LastErrorException;

        int fstat(int fd, long buf) throws LastErrorException;

        long mmap(long addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

        int munmap(long addr, long length) throws LastErrorException;

        int mprotect(long addr, long length, int prot) throws LastErrorException;

        long getrandom(long buf, long count, int flags) throws LastErrorException;

        int getuid();

        int geteuid();

        int getgid();

        int getegid();

        long calloc(long count, long size);

        void free(long address);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);
    private final List<HostFdListener> listeners = new CopyOnWriteArrayList<>();
    private final NativeMemory memory = new JnaMemory();

    @Override
    public String platform() {
        return "linux-x86_64";
    }

    @Override
    public NativeMemory memory() {
        return memory;
    }

    @Override
    public int openat(int dirFd, String path, int flags, int mode) {
        try {
            return LIBC.openat(dirFd, path, flags, mode);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int close(int fd) {
        listeners.forEach(l -> l.closing(fd));
        try {
            return LIBC.close(fd);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long pread(int fd, long buf, long count, long offset) {
        try {
            return LIBC.pread(fd, buf, count, offset);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int fstat(int fd, long statBuf) {
        try {
            return LIBC.fstat(fd, statBuf);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        try {
            return LIBC.mmap(addr, length, prot, flags, fd, offset);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int munmap(long addr, long length) {
        try {
            return LIBC.munmap(addr, length);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int mprotect(long addr, long length, int prot) {
        try {
            return LIBC.mprotect(addr, length, prot);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long getrandom(long buf, long count, int flags) {
        try {
            return LIBC.getrandom(buf, count, flags);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int getuid() {
        return LIBC.getuid();
    }

    @Override
    public int geteuid() {
        return LIBC.geteuid();
    }

    @Override
    public int getgid() {
        return LIBC.getgid();
    }

    @Override
    public int getegid() {
        return LIBC.getegid();
    }

    @Override
    public int openFdCount() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Override
    public void addHostFdListener(HostFdListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeHostFdListener(HostFdListener listener) {
        listeners.remove(listener);
    }

    // --- not needed by the loader tests ---
    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not in the test host");
    }

    @Override
    public int dup(int fd) {
        throw unused();
    }

    @Override
    public long read(int fd, long buf, long count) {
        throw unused();
    }

    @Override
    public long write(int fd, long buf, long count) {
        throw unused();
    }

    @Override
    public long pwrite(int fd, long buf, long count, long offset) {
        throw unused();
    }

    @Override
    public long readv(int fd, long iov, int iovcnt) {
        throw unused();
    }

    @Override
    public long writev(int fd, long iov, int iovcnt) {
        throw unused();
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        throw unused();
    }

    @Override
    public int fstatat(int dirFd, String path, long statBuf, int flags) {
        throw unused();
    }

    @Override
    public int fcntl(int fd, int cmd, long arg) {
        throw unused();
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        throw unused();
    }

    @Override
    public long readlinkat(int dirFd, String path, long buf, long size) {
        throw unused();
    }

    @Override
    public long pipe2(int flags) {
        throw unused();
    }

    @Override
    public int eventfd(int initval, int flags) {
        throw unused();
    }

    @Override
    public int poll(long fds, int nfds, int timeoutMillis) {
        throw unused();
    }

    @Override
    public int ppoll(long fds, int nfds, long timeoutNanos) {
        throw unused();
    }

    @Override
    public int epollCreate1(int flags) {
        throw unused();
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long event) {
        throw unused();
    }

    @Override
    public int epollWait(int epfd, long events, int maxEvents, int timeoutMillis) {
        throw unused();
    }

    @Override
    public int chdir(String path) {
        throw unused();
    }

    @Override
    public int fchdir(int fd) {
        throw unused();
    }

    @Override
    public int madvise(long addr, long length, int advice) {
        throw unused();
    }

    @Override
    public int getpid() {
        throw unused();
    }

    @Override
    public int uname(long buf) {
        throw unused();
    }

    @Override
    public long getcwd(long buf, long size) {
        throw unused();
    }

    @Override
    public int clockGettime(int clock, long timespec) {
        throw unused();
    }

    /** Raw memory through JNA pointers. */
    private static final class JnaMemory implements NativeMemory {
        private static Pointer at(long address) {
            return new Pointer(address);
        }

        @Override
        public byte getByte(long addr) {
            return at(addr).getByte(0);
        }

        @Override
        public int getInt(long addr) {
            return at(addr).getInt(0);
        }

        @Override
        public long getLong(long addr) {
            return at(addr).getLong(0);
        }

        @Override
        public void putByte(long addr, byte v) {
            at(addr).setByte(0, v);
        }

        @Override
        public void putInt(long addr, int v) {
            at(addr).setInt(0, v);
        }

        @Override
        public void putLong(long addr, long v) {
            at(addr).setLong(0, v);
        }

        @Override
        public void get(long addr, byte[] dst, int off, int len) {
            at(addr).read(0, dst, off, len);
        }

        @Override
        public void put(long addr, byte[] src, int off, int len) {
            at(addr).write(0, src, off, len);
        }

        @Override
        public void fill(long addr, long len, byte v) {
            at(addr).setMemory(0, len, v);
        }

        @Override
        public void copy(long dst, long src, long len) {
            byte[] bytes = new byte[Math.toIntExact(len)];
            get(src, bytes, 0, bytes.length);
            put(dst, bytes, 0, bytes.length);
        }

        @Override
        public long indexOfNul(long addr, long max) {
            for (long i = 0; i < max; i++) {
                if (getByte(addr + i) == 0) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public long allocate(long size) {
            return LIBC.calloc(1, size);
        }

        @Override
        public void free(long addr) {
            LIBC.free(addr);
        }
    }
}
