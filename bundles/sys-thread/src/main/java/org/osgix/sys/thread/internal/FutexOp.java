package org.osgix.sys.thread.internal;

import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * The read-modify-write of FUTEX_WAKE_OP, decoded as futex(2) describes the encoding:
 * bits 28-30 the operation, bit 31 "oparg is a shift", bits 24-27 the comparison, bits 12-23 the
 * signed operation argument, bits 0-11 the signed comparison argument. The caller runs it while
 * no guest instruction runs, so it is atomic with respect to guest atomics.
 */
final class FutexOp {
    static final int OP_SET = 0, OP_ADD = 1, OP_OR = 2, OP_ANDN = 3, OP_XOR = 4;
    static final int OP_OPARG_SHIFT = 8;
    static final int CMP_EQ = 0, CMP_NE = 1, CMP_LT = 2, CMP_LE = 3, CMP_GT = 4, CMP_GE = 5;

    private FutexOp() {
    }

    /** The encoding of FUTEX_OP(op, oparg, cmp, cmparg) from linux/futex.h. */
    static int encode(int op, int oparg, int cmp, int cmparg) {
        return ((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff);
    }

    /**
     * Applies the operation to the word at {@code address} and compares its old value.
     *
     * @return 1 when the comparison holds, 0 when not, {@code -EFAULT} when the word is not
     *     writable, {@code -ENOSYS} for an unknown operation (nothing written) or an unknown
     *     comparison (written anyway, as Linux does)
     */
    static long apply(GuestMemory memory, long address, int encoded) {
        if (!memory.isAccessible(address, Integer.BYTES, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) {
            return -Errno.EFAULT;
        }
        int op = (encoded >>> 28) & 7;
        int oparg = (encoded << 8) >> 20;
        if ((encoded & (OP_OPARG_SHIFT << 28)) != 0) {
            oparg = 1 << (oparg & 31); // Linux masks an out-of-range shift the same way
        }
        if (op > OP_XOR) {
            return -Errno.ENOSYS;
        }
        int old;
        try {
            old = memory.readInt(address);
            memory.writeInt(address, operate(op, old, oparg));
        } catch (GuestFault fault) {
            return -Errno.EFAULT;
        }
        return compare((encoded >>> 24) & 15, old, (encoded << 20) >> 20);
    }

    private static int operate(int op, int old, int oparg) {
        return switch (op) {
            case OP_SET -> oparg;
            case OP_ADD -> old + oparg;
            case OP_OR -> old | oparg;
            case OP_ANDN -> old & ~oparg;
            default -> old ^ oparg; // OP_XOR
        };
    }

    private static long compare(int cmp, int old, int cmparg) {
        return switch (cmp) {
            case CMP_EQ -> old == cmparg ? 1 : 0;
            case CMP_NE -> old != cmparg ? 1 : 0;
            case CMP_LT -> old < cmparg ? 1 : 0;
            case CMP_LE -> old <= cmparg ? 1 : 0;
            case CMP_GT -> old > cmparg ? 1 : 0;
            case CMP_GE -> old >= cmparg ? 1 : 0;
            default -> -Errno.ENOSYS;
        };
    }
}
