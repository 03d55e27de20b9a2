package org.osgix.sys.poll.internal;

import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.poll.PollException;
import org.osgix.syscall.EpollFlags;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2: argument checks
 * in Linux's order, then the {@link EpollInstance}.
 */
final class EpollCalls {
    /** The highest user-space address + 1 on x86_64 (Linux's TASK_SIZE_MAX). */
    static final long USER_SPACE_END = 0x00007ffffffff000L;
    static final String PATH = "anon_inode:[eventpoll]";

    private final EpollRegistry registry;

    private final SignalMasks masks;

    EpollCalls(EpollRegistry registry, SignalMasks masks) {
        this.registry = registry;
        this.masks = masks;
    }

    long epollCreate(SyscallContext call) {
        return call.intArg(0) <= 0 ? -Errno.EINVAL : create(call, false);
    }

    long epollCreate1(SyscallContext call) {
        int flags = call.intArg(0);
        if ((flags & ~EpollFlags.EPOLL_CLOEXEC) != 0) {
            return -Errno.EINVAL;
        }
        return create(call, flags != 0);
    }

    private long create(SyscallContext call, boolean cloexec) {
        EpollInstance instance;
        try {
            instance = registry.create(call.process().option("poll"));
        } catch (PollException e) {
            return -e.errno();
        }
        int fd = call.fds().open(FileKind.EPOLL, instance.coreFd, OpenFile.O_RDWR, PATH, instance, cloexec);
        if (fd < 0) {
            instance.dispose(); // the table closed the proxy already
            return fd;
        }
        OpenFile file = descriptionOf(call, fd, instance);
        if (file == null || !file.addCloseListener(released -> instance.dispose())) {
            instance.dispose(); // a racing close released it before we could listen
        }
        return fd;
    }

    /** The description holding {@code instance}: normally at {@code fd}; elsewhere if a racing dup moved it. */
    private static OpenFile descriptionOf(SyscallContext call, int fd, EpollInstance instance) {
        FdSnapshot slot = call.fds().get(fd);
        if (slot != null && slot.file().attachment() == instance) {
            return slot.file();
        }
        for (FdSnapshot other : call.fds().snapshots()) {
            if (other.file().attachment() == instance) {
                return other.file();
            }
        }
        return null;
    }

    long epollCtl(SyscallContext call) {
        int epfd = call.fdArg(0);
        int op = call.intArg(1);
        int fd = call.fdArg(2);
        long eventAddr = call.arg3();
        int events = 0;
        long data = 0;
        if (op != EpollFlags.EPOLL_CTL_DEL) {
            events = call.memory().readInt(eventAddr);
            data = call.memory().readLong(eventAddr + 4);
        }
        OpenFile epollFile = call.fds().pin(epfd);
        if (epollFile == null) {
            return -Errno.EBADF;
        }
        try {
            OpenFile target = call.fds().pin(fd);
            if (target == null) {
                return -Errno.EBADF;
            }
            try {
                return control(epollFile, op, fd, target, events & ~EpollFlags.EPOLLWAKEUP, data);
            } finally {
                target.unpin();
            }
        } finally {
            epollFile.unpin();
        }
    }

    private long control(OpenFile epollFile, int op, int fd, OpenFile target, int events, long data) {
        FileKind kind = target.kind();
        if (kind == FileKind.REGULAR || kind == FileKind.DIRECTORY) {
            return -Errno.EPERM; // files that cannot be polled
        }
        if (epollFile == target || !(epollFile.attachment() instanceof EpollInstance instance)) {
            return -Errno.EINVAL;
        }
        boolean nested = kind == FileKind.EPOLL;
        if (op != EpollFlags.EPOLL_CTL_DEL && (events & EpollFlags.EPOLLEXCLUSIVE) != 0) {
            if (op == EpollFlags.EPOLL_CTL_MOD) {
                return -Errno.EINVAL;
            }
            if (op == EpollFlags.EPOLL_CTL_ADD && (nested || (events & ~EpollBits.EXCLUSIVE_OK) != 0)) {
                return -Errno.EINVAL;
            }
        }
        if (!nested) {
            return apply(instance, op, fd, target, events, data);
        }
        // nested instances: the loop check and the change happen under the nesting lock
        synchronized (registry.nesting().lock) {
            if (op == EpollFlags.EPOLL_CTL_ADD && target.attachment() instanceof EpollInstance inner) {
                int loop = registry.nesting().check(instance, inner);
                if (loop < 0) {
                    return loop;
                }
            }
            return apply(instance, op, fd, target, events, data);
        }
    }

    private static int apply(EpollInstance instance, int op, int fd, OpenFile target, int events, long data) {
        return switch (op) {
            case EpollFlags.EPOLL_CTL_ADD -> instance.add(fd, target, events, data);
            case EpollFlags.EPOLL_CTL_MOD -> instance.modify(fd, target, events, data);
            case EpollFlags.EPOLL_CTL_DEL -> instance.remove(fd, target);
            default -> -Errno.EINVAL;
        };
    }

    long epollWait(SyscallContext call) {
        return await(call, Timeouts.fromMillis(call.intArg(3)));
    }

    long epollPwait(SyscallContext call) {
        int mask = SignalMasks.check(call.memory(), call.arg4(), call.arg5());
        return mask < 0 ? mask : masks.during(call, call.arg4(), () -> await(call, Timeouts.fromMillis(call.intArg(3))));
    }

    long epollPwait2(SyscallContext call) {
        long timeout = Timeouts.readTimespec(call.memory(), call.arg3());
        if (timeout == Timeouts.INVALID) {
            return -Errno.EINVAL;
        }
        int mask = SignalMasks.check(call.memory(), call.arg4(), call.arg5());
        return mask < 0 ? mask : masks.during(call, call.arg4(), () -> await(call, timeout));
    }

    /** Linux's order: the epoll fd, maxevents, the buffer's range, then the fd's kind. */
    private long await(SyscallContext call, long timeoutNanos) {
        int epfd = call.fdArg(0);
        long events = call.arg1();
        int maxEvents = call.intArg(2);
        OpenFile file = call.fds().pin(epfd);
        if (file == null) {
            return -Errno.EBADF;
        }
        try {
            if (maxEvents <= 0 || maxEvents > EpollBits.MAX_EVENTS) {
                return -Errno.EINVAL;
            }
            long bytes = (long) maxEvents * EpollFlags.EPOLL_EVENT_SIZE;
            if (events < 0 || events > USER_SPACE_END - bytes) {
                return -Errno.EFAULT;
            }
            if (!(file.attachment() instanceof EpollInstance instance)) {
                return -Errno.EINVAL;
            }
            // the usual case, a wholly writable array, is one range check; else the writable entries
            long whole = call.memory().hostAddress(events, bytes, GuestMemory.PROT_WRITE);
            int room = whole >= 0 ? maxEvents : writableEntries(call.memory(), events, maxEvents);
            long hostEvents = whole >= 0 || room == 0 ? whole
                : call.memory().hostAddress(events, (long) room * EpollFlags.EPOLL_EVENT_SIZE, GuestMemory.PROT_WRITE);
            return hostEvents < 0 && room > 0 ? -Errno.EFAULT : waitFor(call, instance, hostEvents, room, timeoutNanos);
        } finally {
            file.unpin();
        }
    }

    /** @param hostEvents the host address of {@code room} writable epoll_event entries */
    private static long waitFor(SyscallContext call, EpollInstance instance, long hostEvents, int room, long timeoutNanos) {
        long deadline = Timeouts.deadline(timeoutNanos);
        while (true) {
            if (room == 0) {
                if (instance.readiness() != 0) {
                    return -Errno.EFAULT; // events to report, nowhere to write them
                }
            } else {
                int n = instance.harvest(hostEvents, room);
                if (n > 0) {
                    return n;
                }
            }
            long left = Timeouts.remaining(timeoutNanos, deadline);
            if (left == 0) {
                return 0;
            }
            int r = call.thread().awaitHostFd(instance.waitFd(), Host.POLLIN, left);
            if (r < 0) {
                return r;
            }
        }
    }

    /** How many whole epoll_event entries from {@code addr} are writable (up to {@code max}). */
    static int writableEntries(GuestMemory memory, long addr, int max) {
        long bytes = (long) max * EpollFlags.EPOLL_EVENT_SIZE;
        if (memory.isAccessible(addr, bytes, GuestMemory.PROT_WRITE)) {
            return max;
        }
        long end = addr;
        long limit = addr + bytes;
        while (end < limit) {
            long pageEnd = Math.min(limit, (end | (GuestMemory.PAGE_SIZE - 1)) + 1);
            if (!memory.isAccessible(end, pageEnd - end, GuestMemory.PROT_WRITE)) {
                break;
            }
            end = pageEnd;
        }
        return (int) ((end - addr) / EpollFlags.EPOLL_EVENT_SIZE);
    }
}
