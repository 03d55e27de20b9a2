package org.osgix.sys.info.internal;

import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * capget and capset. The guest's capability sets are those of the host thread that runs the
 * guest thread (Linux keeps them per thread, and every guest thread has its own host thread), so
 * the host kernel decides what a capset may do and enforces the result on the calls the guest
 * makes through that thread. The header's version and pid are checked here in the kernel's order.
 */
final class Capabilities {
    /** The header versions: version 1 has one 32-bit data triple, versions 2 and 3 have two. */
    static final int VERSION_1 = 0x19980330, VERSION_2 = 0x20071026, VERSION_3 = 0x20080522;
    static final int HEADER_SIZE = 8, DATA_SIZE = 12;
    private static final int MAX_DATA = 2;

    private final Host host;

    Capabilities(Host host) {
        this.host = host;
    }

    /** capget(header, data). A NULL data pointer probes the version: 0 even for a bad one. */
    long capget(SyscallContext call) {
        GuestMemory memory = call.memory();
        long header = call.arg0();
        long data = call.arg1();
        int words = validate(memory, header);
        if (words < 0) {
            return data == 0 && words == -Errno.EINVAL ? 0 : words;
        }
        if (data == 0) {
            return 0;
        }
        int pid = memory.readInt(header + 4);
        if (pid < 0) {
            return -Errno.EINVAL;
        }
        if (pid != 0 && !isOwnTask(call, pid)) {
            return -Errno.ESRCH;
        }
        NativeMemory scratch = host.memory();
        long buffer = hostBuffer(scratch);
        try {
            int rc = host.capget(buffer, buffer + HEADER_SIZE);
            if (rc < 0) {
                return rc;
            }
            if (!memory.isAccessible(data, (long) words * DATA_SIZE, GuestMemory.PROT_WRITE)) {
                return -Errno.EFAULT;
            }
            for (int i = 0; i < words * 3; i++) {
                memory.writeInt(data + 4L * i, scratch.getInt(buffer + HEADER_SIZE + 4L * i));
            }
            return 0;
        } finally {
            scratch.free(buffer);
        }
    }

    /** capset(header, data): only the calling thread's sets may change (another pid: EPERM). */
    long capset(SyscallContext call) {
        GuestMemory memory = call.memory();
        long header = call.arg0();
        long data = call.arg1();
        int words = validate(memory, header);
        if (words < 0) {
            return words;
        }
        int pid = memory.readInt(header + 4);
        if (pid != 0 && pid != call.thread().tid()) {
            return -Errno.EPERM;
        }
        if (!memory.isAccessible(data, (long) words * DATA_SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        NativeMemory scratch = host.memory();
        long buffer = hostBuffer(scratch);
        try {
            for (int i = 0; i < MAX_DATA * 3; i++) {
                // version 1 gives only the low 32 capabilities: the high ones are cleared, as Linux does
                int value = i < words * 3 ? memory.readInt(data + 4L * i) : 0;
                scratch.putInt(buffer + HEADER_SIZE + 4L * i, value);
            }
            return host.capset(buffer, buffer + HEADER_SIZE);
        } finally {
            scratch.free(buffer);
        }
    }

    /** A host buffer: a version 3 header naming the calling thread (pid 0), then room for the data. */
    private static long hostBuffer(NativeMemory scratch) {
        long buffer = scratch.allocate(HEADER_SIZE + MAX_DATA * DATA_SIZE);
        scratch.putInt(buffer, VERSION_3);
        scratch.putInt(buffer + 4, 0);
        return buffer;
    }

    /** True when the calling thread's effective set has capability {@code cap} (0-63). */
    boolean hasEffective(int cap) {
        NativeMemory scratch = host.memory();
        long buffer = hostBuffer(scratch);
        try {
            if (host.capget(buffer, buffer + HEADER_SIZE) < 0) {
                return false;
            }
            return (scratch.getInt(buffer + HEADER_SIZE + (cap >= 32 ? DATA_SIZE : 0)) & (1 << (cap & 31))) != 0;
        } finally {
            scratch.free(buffer);
        }
    }

    /**
     * The number of data triples the header's version has, or a negative errno: EFAULT for an
     * unreadable header, EINVAL for an unknown version after writing the preferred one back.
     */
    private static int validate(GuestMemory memory, long header) {
        if (!memory.isAccessible(header, HEADER_SIZE, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        int version = memory.readInt(header);
        if (version == VERSION_1) {
            return 1;
        }
        if (version == VERSION_2 || version == VERSION_3) {
            return MAX_DATA;
        }
        if (!memory.isAccessible(header, 4, GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        memory.writeInt(header, VERSION_3);
        return -Errno.EINVAL;
    }

    /** The process or one of its threads (this guest's only tasks). */
    private static boolean isOwnTask(SyscallContext call, int pid) {
        return pid == call.process().pid() || call.process().thread(pid) != null;
    }
}
