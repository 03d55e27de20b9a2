package org.osgix.sys.thread.internal;

import static org.osgix.sys.thread.internal.CloneFlags.CLONE_CLEAR_SIGHAND;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_DETACHED;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_INTO_CGROUP;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_NEWTIME;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_PARENT;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_SIGHAND;
import static org.osgix.sys.thread.internal.CloneFlags.CLONE_THREAD;
import static org.osgix.sys.thread.internal.CloneFlags.CSIGNAL;
import static org.osgix.syscall.SignalNumbers.NSIG;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/**
 * The clone3 argument block, {@code struct clone_args} (linux/sched.h): eleven u64 fields,
 * read and validated as Linux's copy_clone_args_from_user and clone3_args_valid do. A block
 * larger than the kernel's must be zero beyond it (E2BIG otherwise).
 */
final class CloneArgs {
    /** CLONE_ARGS_SIZE_VER0: flags up to tls. */
    static final int SIZE_VER0 = 64;
    /** CLONE_ARGS_SIZE_VER1: adds set_tid and set_tid_size. */
    static final int SIZE_VER1 = 80;
    /** CLONE_ARGS_SIZE_VER2: adds cgroup; the size Linux knows. */
    static final int SIZE_VER2 = 88;

    private static final int MAX_PID_NS_LEVEL = 32;
    /** The end of x86_64 user space with 4-level paging (access_ok on the stack range). */
    private static final long USER_SPACE_END = 0x7ffffffff000L;
    private static final long LEGACY_FLAGS = 0xffffffffL;

    final long flags;
    final long pidfd;
    final long childTid;
    final long parentTid;
    final long exitSignal;
    final long stack;
    final long stackSize;
    final long tls;
    final long setTid;
    final long setTidSize;
    final long cgroup;

    private CloneArgs(long[] fields) {
        flags = fields[0];
        pidfd = fields[1];
        childTid = fields[2];
        parentTid = fields[3];
        exitSignal = fields[4];
        stack = fields[5];
        stackSize = fields[6];
        tls = fields[7];
        setTid = fields[8];
        setTidSize = fields[9];
        cgroup = fields[10];
    }

    /**
     * Checks the block's size and trailing bytes, then reads it; fields beyond a shorter block
     * are zero.
     *
     * @return 0 when the block may be read, or {@code -EINVAL} (too small) / {@code -E2BIG}
     * @throws org.osgix.syscall.GuestFault when the block is not readable
     */
    static int checkSize(GuestMemory memory, long addr, long size) {
        if (Long.compareUnsigned(size, GuestMemory.PAGE_SIZE) > 0) {
            return -Errno.E2BIG;
        }
        if (size < SIZE_VER0) {
            return -Errno.EINVAL;
        }
        for (long offset = SIZE_VER2; offset < size; offset++) {
            if (memory.readByte(addr + offset) != 0) {
                return -Errno.E2BIG;
            }
        }
        return 0;
    }

    /** Reads the block (its size already checked). */
    static CloneArgs read(GuestMemory memory, long addr, long size) {
        int known = (int) Math.min(size, SIZE_VER2);
        byte[] block = new byte[SIZE_VER2];
        memory.read(addr, block, 0, known);
        long[] fields = new long[SIZE_VER2 / Long.BYTES];
        for (int i = 0; i < fields.length; i++) {
            long value = 0;
            for (int b = Long.BYTES - 1; b >= 0; b--) {
                value = (value << 8) | (block[i * Long.BYTES + b] & 0xff);
            }
            fields[i] = value;
        }
        return new CloneArgs(fields);
    }

    /**
     * copy_clone_args_from_user's checks of the fields (before set_tid is read).
     *
     * @return 0 or {@code -EINVAL}
     */
    int validateFields(long size) {
        if (Long.compareUnsigned(setTidSize, MAX_PID_NS_LEVEL) > 0
                || (setTid == 0 && setTidSize != 0) || (setTid != 0 && setTidSize == 0)) {
            return -Errno.EINVAL;
        }
        if ((exitSignal & ~CSIGNAL) != 0 || exitSignal > NSIG) {
            return -Errno.EINVAL;
        }
        if ((flags & CLONE_INTO_CGROUP) != 0 && (Long.compareUnsigned(cgroup, Integer.MAX_VALUE) > 0
                || size < SIZE_VER2)) {
            return -Errno.EINVAL;
        }
        return 0;
    }

    /**
     * clone3_args_valid: the flags clone3 accepts and the stack range.
     *
     * @return 0 or {@code -EINVAL}
     */
    int validateFlags() {
        if ((flags & ~(LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP)) != 0
                || (flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME))) != 0) {
            return -Errno.EINVAL;
        }
        if ((flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) {
            return -Errno.EINVAL;
        }
        if ((flags & (CLONE_THREAD | CLONE_PARENT)) != 0 && exitSignal != 0) {
            return -Errno.EINVAL;
        }
        if ((stack == 0) != (stackSize == 0)) {
            return -Errno.EINVAL;
        }
        if (stack != 0 && (Long.compareUnsigned(stackSize, USER_SPACE_END) > 0
                || Long.compareUnsigned(stack, USER_SPACE_END - stackSize) > 0)) {
            return -Errno.EINVAL;
        }
        return 0;
    }

    /** The request: the stack grows down from {@code stack + stack_size}. */
    CloneRequest toRequest() {
        long top = stack == 0 ? 0 : stack + stackSize;
        return new CloneRequest(flags, top, parentTid, childTid, tls);
    }
}
