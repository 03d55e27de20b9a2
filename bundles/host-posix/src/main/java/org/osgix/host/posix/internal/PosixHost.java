package org.osgix.host.posix.internal;

import com.sun.jna.Platform;
import java.io.File;
import java.util.Arrays;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;
import org.osgix.host.Host;
import org.osgix.host.HostFdListener;
import org.osgix.host.NativeMemory;

/**
 * {@link Host} on a POSIX libc through JNA direct mapping. A failed call returns the negated
 * Linux errno ({@link ErrnoTranslation}). Structs are passed through untouched: on a Linux
 * x86_64 host {@code struct stat}, {@code epoll_event}, {@code utsname} and {@code timespec}
 * already have the layouts the API promises; a host with other layouts would translate here.
 */
@Component(service = Host.class)
public final class PosixHost extends PosixProcessCalls {
    private final NativeMemory memory = new JnaNativeMemory();
    /** Replaced as a whole on every change, so a close iterates a stable array and allocates nothing. */
    private volatile HostFdListener[] fdListeners = new HostFdListener[0];
    private final String platform;

    public PosixHost() {
        this(ErrnoTranslation.forCurrentHost());
    }

    PosixHost(ErrnoTranslation errnoTranslation) {
        super(errnoTranslation);
        LibC.load();
        String os = Platform.isLinux() ? "linux" : System.getProperty("os.name").toLowerCase(Locale.ROOT);
        this.platform = os + "-" + Platform.ARCH.replace('-', '_');
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public NativeMemory memory() {
        return memory;
    }

    // --- files ---

    @Override
    public int openat(int dirFd, String path, int flags, int mode) {
        return checked(LibC.openat(dirFd, CStrings.nulTerminated(path), flags, mode));
    }

    @Override
    public int close(int fd) {
        RuntimeException listenerFailure = null;
        if (fd >= 0) {
            for (HostFdListener listener : fdListeners) { // the array of this moment
                try {
                    listener.closing(fd);
                } catch (RuntimeException e) {
                    // the fd must still be closed; report the listener's bug afterwards
                    if (listenerFailure == null) {
                        listenerFailure = e;
                    } else {
                        listenerFailure.addSuppressed(e);
                    }
                }
            }
        }
        int result = checked(LibC.close(fd));
        if (listenerFailure != null) {
            throw listenerFailure;
        }
        return result;
    }

    @Override
    public int dup(int fd) {
        return checked(LibC.dup(fd));
    }

    @Override
    public long read(int fd, long buf, long count) {
        return checked(LibC.read(fd, buf, count));
    }

    @Override
    public long write(int fd, long buf, long count) {
        return checked(LibC.write(fd, buf, count));
    }

    @Override
    public long pread(int fd, long buf, long count, long offset) {
        return checked(LibC.pread(fd, buf, count, offset));
    }

    @Override
    public long pwrite(int fd, long buf, long count, long offset) {
        return checked(LibC.pwrite(fd, buf, count, offset));
    }

    @Override
    public long readv(int fd, long iov, int iovcnt) {
        return checked(LibC.readv(fd, iov, iovcnt));
    }

    @Override
    public long writev(int fd, long iov, int iovcnt) {
        return checked(LibC.writev(fd, iov, iovcnt));
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        return checked(LibC.lseek(fd, offset, whence));
    }

    @Override
    public int fstat(int fd, long statBuf) {
        return checked(LibC.fstat(fd, statBuf));
    }

    @Override
    public int fstatat(int dirFd, String path, long statBuf, int flags) {
        return checked(LibC.fstatat(dirFd, CStrings.nulTerminated(path), statBuf, flags));
    }

    @Override
    public int fcntl(int fd, int cmd, long arg) {
        return checked(LibC.fcntl(fd, cmd, arg));
    }

    @Override
    public int ioctl(int fd, long request, long arg) {
        return checked(LibC.ioctl(fd, request, arg));
    }

    @Override
    public long readlinkat(int dirFd, String path, long buf, long size) {
        return checked(LibC.readlinkat(dirFd, CStrings.nulTerminated(path), buf, size));
    }

    @Override
    public long pipe2(int flags) {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, flags) == -1) {
            return -lastErrno();
        }
        return (long) fds[0] << 32 | (fds[1] & 0xFFFF_FFFFL);
    }

    @Override
    public int eventfd(int initval, int flags) {
        return checked(LibC.eventfd(initval, flags));
    }

    @Override
    public int timerfdCreate(int clockId, int flags) {
        return checked(LibC.timerfd_create(clockId, flags));
    }

    @Override
    public int timerfdSettime(int fd, int flags, long newValue, long oldValue) {
        return checked(LibC.timerfd_settime(fd, flags, newValue, oldValue));
    }

    @Override
    public int timerfdGettime(int fd, long currentValue) {
        return checked(LibC.timerfd_gettime(fd, currentValue));
    }

    @Override
    public long preadv(int fd, long iov, int iovcnt, long offset) {
        return checked(LibC.preadv(fd, iov, iovcnt, offset));
    }

    @Override
    public long pwritev(int fd, long iov, int iovcnt, long offset) {
        return checked(LibC.pwritev(fd, iov, iovcnt, offset));
    }

    @Override
    public long preadv2(int fd, long iov, int iovcnt, long offset, int flags) {
        return checked(LibC.preadv2(fd, iov, iovcnt, offset, flags));
    }

    @Override
    public long pwritev2(int fd, long iov, int iovcnt, long offset, int flags) {
        return checked(LibC.pwritev2(fd, iov, iovcnt, offset, flags));
    }

    @Override
    public long sendfile(int outFd, int inFd, long offset, long count) {
        return checked(LibC.sendfile(outFd, inFd, offset, count));
    }

    @Override
    public long copyFileRange(int inFd, long inOffset, int outFd, long outOffset, long length, int flags) {
        return checked(LibC.copy_file_range(inFd, inOffset, outFd, outOffset, length, flags));
    }

    @Override
    public long splice(int inFd, long inOffset, int outFd, long outOffset, long length, int flags) {
        return checked(LibC.splice(inFd, inOffset, outFd, outOffset, length, flags));
    }

    @Override
    public long tee(int inFd, int outFd, long length, int flags) {
        return checked(LibC.tee(inFd, outFd, length, flags));
    }

    // --- waiting ---

    @Override
    public int poll(long fds, int nfds, int timeoutMillis) {
        return checked(LibC.poll(fds, Integer.toUnsignedLong(nfds), timeoutMillis));
    }

    @Override
    public int ppoll(long fds, int nfds, long timeoutNanos) {
        long[] timespec = timeoutNanos < 0 ? null
            : new long[] {timeoutNanos / 1_000_000_000L, timeoutNanos % 1_000_000_000L};
        return checked(LibC.ppoll(fds, Integer.toUnsignedLong(nfds), timespec, 0));
    }

    @Override
    public int epollCreate1(int flags) {
        return checked(LibC.epoll_create1(flags));
    }

    @Override
    public int epollCtl(int epfd, int op, int fd, long event) {
        return checked(LibC.epoll_ctl(epfd, op, fd, event));
    }

    @Override
    public int epollWait(int epfd, long events, int maxEvents, int timeoutMillis) {
        return checked(LibC.epoll_wait(epfd, events, maxEvents, timeoutMillis));
    }

    @Override
    public int chdir(String path) {
        return checked(LibC.chdir(CStrings.nulTerminated(path)));
    }

    @Override
    public int fchdir(int fd) {
        return checked(LibC.fchdir(fd));
    }

    // --- memory ---

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        return checked(LibC.mmap(addr, length, prot, flags, fd, offset));
    }

    @Override
    public int munmap(long addr, long length) {
        return checked(LibC.munmap(addr, length));
    }

    @Override
    public int mprotect(long addr, long length, int prot) {
        return checked(LibC.mprotect(addr, length, prot));
    }

    @Override
    public int madvise(long addr, long length, int advice) {
        return checked(LibC.madvise(addr, length, advice));
    }

    // --- identity and environment ---

    @Override
    public int getpid() {
        return LibC.getpid();
    }

    @Override
    public int getpgid(int pid) {
        return checked(LibC.getpgid(pid));
    }

    @Override
    public int getsid(int pid) {
        return checked(LibC.getsid(pid));
    }

    @Override
    public int setpgid(int pid, int pgid) {
        return checked(LibC.setpgid(pid, pgid));
    }

    @Override
    public int setsid() {
        return checked(LibC.setsid());
    }

    @Override
    public int getuid() {
        return LibC.getuid();
    }

    @Override
    public int geteuid() {
        return LibC.geteuid();
    }

    @Override
    public int getgid() {
        return LibC.getgid();
    }

    @Override
    public int getegid() {
        return LibC.getegid();
    }

    @Override
    public int uname(long buf) {
        return checked(LibC.uname(buf));
    }

    @Override
    public long getcwd(long buf, long size) {
        if (LibC.getcwd(buf, size) == 0) {
            return -lastErrno();
        }
        // libc returns the buffer; the Linux syscall returns the length including the NUL
        return memory.indexOfNul(buf, size) + 1;
    }

    @Override
    public int capget(long header, long data) {
        return checked(LibC.capget(header, data));
    }

    @Override
    public int capset(long header, long data) {
        return checked(LibC.capset(header, data));
    }

    @Override
    public long getrandom(long buf, long count, int flags) {
        return checked(LibC.getrandom(buf, count, flags));
    }

    @Override
    public int clockGettime(int clock, long timespec) {
        return checked(LibC.clock_gettime(clock, timespec));
    }

    @Override
    public int openFdCount() {
        // Other JVM threads (class loading, JIT, a test runner) open fds for a moment: a count is
        // taken when two listings 5 ms apart agree, so leak checks see this process's settled fds.
        int last = listedFds();
        for (int i = 0; i < 40; i++) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            int now = listedFds();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static int listedFds() {
        String[] entries = new File("/proc/self/fd").list();
        if (entries == null) {
            return -1;
        }
        // the listing itself holds one directory fd while it reads
        return entries.length - 1;
    }

    @Override
    public synchronized void addHostFdListener(HostFdListener listener) {
        HostFdListener[] old = fdListeners;
        HostFdListener[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = listener;
        fdListeners = grown;
    }

    @Override
    public synchronized void removeHostFdListener(HostFdListener listener) {
        HostFdListener[] old = fdListeners;
        for (int i = 0; i < old.length; i++) {
            if (old[i].equals(listener)) {
                HostFdListener[] shrunk = new HostFdListener[old.length - 1];
                System.arraycopy(old, 0, shrunk, 0, i);
                System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                fdListeners = shrunk;
                return;
            }
        }
    }
}
