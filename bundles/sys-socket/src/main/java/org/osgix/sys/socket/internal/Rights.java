package org.osgix.sys.socket.internal;

import static org.osgix.sys.socket.internal.SocketAbi.CMSG_HEADER;
import static org.osgix.sys.socket.internal.SocketAbi.CMSG_LEVEL;
import static org.osgix.sys.socket.internal.SocketAbi.CMSG_TYPE;
import static org.osgix.sys.socket.internal.SocketAbi.SCM_RIGHTS;
import static org.osgix.sys.socket.internal.SocketAbi.SOL_SOCKET;

import java.util.ArrayList;
import java.util.List;
import org.osgix.fd.FdTable;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * SCM_RIGHTS between guest and host descriptors. A send replaces each guest fd by its
 * description's host fd and keeps the description pinned while it is in flight (a Linux file in
 * flight stays open though the sender closes it). A receive gets new host fds from the host
 * kernel; one that refers to a description in flight (the host's kcmp says so) installs that
 * very description in the receiver's table, so status flags, offsets and the family's state
 * (an epoll instance) are shared as on Linux, and the duplicate host fd is closed. A host fd
 * from outside osgix becomes a new description.
 *
 * <p>The in-flight list is shared by every guest in this JVM, so descriptors pass between
 * threads and between guest processes alike. A message received with too small a control buffer
 * releases the descriptors the host dropped once one of its descriptors arrives; a message that
 * is never received (or whose descriptors all were dropped) keeps its descriptions open until the
 * JVM ends.
 */
final class Rights {
    private final Host host;
    private final NativeMemory memory;
    private final SocketFiles files;
    /** One sent descriptor: its pinned description and the message (sendmsg) it went with. */
    private record Sent(OpenFile file, Object message) {
    }

    /** Pinned descriptions sent and not yet received, oldest first (guarded by itself). */
    private final List<Sent> inFlight = new ArrayList<>();

    Rights(Host host, SocketFiles files) {
        this.host = host;
        this.memory = host.memory();
        this.files = files;
    }

    /**
     * Replaces the guest fds of every SCM_RIGHTS message in the host copy of a control buffer by
     * host fds, pinning each description into {@code pinned}. Returns 0, or -EBADF (nothing stays
     * pinned).
     */
    int toHost(SyscallContext call, long control, long length, List<OpenFile> pinned) {
        long end = control + length;
        for (long cmsg = control; cmsg + CMSG_HEADER <= end; ) {
            long cmsgLen = memory.getLong(cmsg);
            if (cmsgLen < CMSG_HEADER || cmsg + cmsgLen > end) {
                break; // the host refuses the malformed message (EINVAL) as Linux does
            }
            if (memory.getInt(cmsg + CMSG_LEVEL) == SOL_SOCKET && memory.getInt(cmsg + CMSG_TYPE) == SCM_RIGHTS) {
                int count = (int) ((cmsgLen - CMSG_HEADER) / 4);
                for (int i = 0; i < count; i++) {
                    long slot = cmsg + CMSG_HEADER + 4L * i;
                    OpenFile file = call.fds().pin(memory.getInt(slot));
                    if (file == null || file.hostFd() < 0) {
                        if (file != null) {
                            file.unpin();
                        }
                        release(pinned);
                        return -Errno.EBADF;
                    }
                    pinned.add(file);
                    memory.putInt(slot, file.hostFd());
                }
            }
            cmsg += SocketAbi.cmsgAlign(cmsgLen);
        }
        return 0;
    }

    /** The host accepted the message: its descriptions are in flight (their pins kept). */
    void sent(List<OpenFile> pinned) {
        Object message = new Object();
        synchronized (inFlight) {
            for (OpenFile file : pinned) {
                inFlight.add(new Sent(file, message));
            }
        }
        pinned.clear();
    }

    /** The host refused the message: the pins go. */
    static void release(List<OpenFile> pinned) {
        for (OpenFile file : pinned) {
            file.unpin();
        }
        pinned.clear();
    }

    /**
     * Replaces the host fds of every SCM_RIGHTS message of a received control buffer (in guest
     * memory at host address {@code control}, {@code length} bytes as the host filled it) by guest
     * fds. Returns MSG_CTRUNC when the descriptor table could not take them all (the rest closed,
     * as Linux), else 0.
     */
    int toGuest(SyscallContext call, long control, long length, boolean cloexec, boolean peek) {
        long end = control + length;
        int flags = 0;
        List<Object> messages = peek ? null : new ArrayList<>(1);
        for (long cmsg = control; cmsg + CMSG_HEADER <= end; ) {
            long cmsgLen = memory.getLong(cmsg);
            if (cmsgLen < CMSG_HEADER || cmsg + cmsgLen > end) {
                break;
            }
            if (memory.getInt(cmsg + CMSG_LEVEL) == SOL_SOCKET && memory.getInt(cmsg + CMSG_TYPE) == SCM_RIGHTS) {
                int count = (int) ((cmsgLen - CMSG_HEADER) / 4);
                int installed = 0;
                for (int i = 0; i < count; i++) {
                    long slot = cmsg + CMSG_HEADER + 4L * i;
                    int hostFd = memory.getInt(slot);
                    int fd = flags == 0 ? install(call.fds(), hostFd, cloexec, peek, messages) : -Errno.EMFILE;
                    if (fd < 0) {
                        if (flags == 0) {
                            flags = SocketAbi.MSG_CTRUNC;
                        } else {
                            discard(hostFd, peek, messages);
                        }
                        continue;
                    }
                    memory.putInt(cmsg + CMSG_HEADER + 4L * installed++, fd);
                }
                if (installed < count) {
                    memory.putLong(cmsg, CMSG_HEADER + 4L * installed);
                }
            }
            cmsg += SocketAbi.cmsgAlign(cmsgLen);
        }
        if (messages != null && !messages.isEmpty()) {
            forgetRest(messages);
        }
        return flags;
    }

    /**
     * The host delivers a message's descriptors together: those of a received message that did
     * not arrive were dropped (the control buffer was too small), so their pins go.
     */
    private void forgetRest(List<Object> messages) {
        List<OpenFile> dropped = new ArrayList<>();
        synchronized (inFlight) {
            inFlight.removeIf(sent -> {
                if (messages.contains(sent.message)) {
                    dropped.add(sent.file);
                    return true;
                }
                return false;
            });
        }
        release(dropped);
    }

    /** Installs one received host fd; on failure it is closed (and its in-flight pin dropped). */
    private int install(FdTable fds, int hostFd, boolean cloexec, boolean peek, List<Object> messages) {
        OpenFile sent = claim(hostFd, peek, messages);
        if (sent == null) {
            return files.installForeign(fds, hostFd, cloexec);
        }
        try {
            return fds.install(sent, 0, cloexec);
        } finally {
            host.close(hostFd);
            if (!peek) {
                sent.unpin();
            }
        }
    }

    private void discard(int hostFd, boolean peek, List<Object> messages) {
        OpenFile sent = claim(hostFd, peek, messages);
        host.close(hostFd);
        if (sent != null && !peek) {
            sent.unpin();
        }
    }

    /**
     * The in-flight description the host fd refers to, taken off the list (a peek leaves it: the
     * message stays queued), or null.
     */
    private OpenFile claim(int hostFd, boolean peek, List<Object> messages) {
        synchronized (inFlight) {
            for (int i = 0; i < inFlight.size(); i++) {
                Sent sent = inFlight.get(i);
                if (host.compareFiles(sent.file.hostFd(), hostFd) == 0) {
                    if (peek) {
                        return sent.file;
                    }
                    inFlight.remove(i);
                    if (!messages.contains(sent.message)) {
                        messages.add(sent.message);
                    }
                    return sent.file;
                }
            }
        }
        return null;
    }

    /** Descriptions in flight (for tests and leak checks). */
    int inFlightCount() {
        synchronized (inFlight) {
            return inFlight.size();
        }
    }
}
