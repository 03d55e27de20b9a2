package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.test.support.BufferMemory;

/** The FUTEX_WAKE_OP encoding, against values observed on native Linux 6.18. */
class FutexOpTest {
    private static final long WORD = BufferMemory.at(16);
    private final BufferMemory memory = new BufferMemory(1);

    private long apply(int initial, int encoded) {
        memory.writeInt(WORD, initial);
        return FutexOp.apply(memory, WORD, encoded);
    }

    @Test
    void operationsComputeTheNewWord() {
        apply(5, FutexOp.encode(FutexOp.OP_SET, 9, FutexOp.CMP_EQ, 0));
        assertEquals(9, memory.readInt(WORD));
        apply(5, FutexOp.encode(FutexOp.OP_ADD, -2, FutexOp.CMP_EQ, 0));
        assertEquals(3, memory.readInt(WORD));
        apply(5, FutexOp.encode(FutexOp.OP_OR, 2, FutexOp.CMP_EQ, 0));
        assertEquals(7, memory.readInt(WORD));
        apply(7, FutexOp.encode(FutexOp.OP_ANDN, 2, FutexOp.CMP_EQ, 0));
        assertEquals(5, memory.readInt(WORD));
        apply(5, FutexOp.encode(FutexOp.OP_XOR, 1, FutexOp.CMP_EQ, 0));
        assertEquals(4, memory.readInt(WORD));
    }

    @Test
    void setWithANegativeArgumentSignExtends() {
        apply(281, FutexOp.encode(FutexOp.OP_SET, -2, FutexOp.CMP_LT, 0));
        assertEquals(-2, memory.readInt(WORD));
    }

    @Test
    void comparisonsUseTheOldSignedValue() {
        assertEquals(1, apply(5, FutexOp.encode(FutexOp.OP_ADD, 3, FutexOp.CMP_EQ, 5)));
        assertEquals(0, apply(5, FutexOp.encode(FutexOp.OP_ADD, 3, FutexOp.CMP_NE, 5)));
        assertEquals(1, apply(-1, FutexOp.encode(FutexOp.OP_ADD, 0, FutexOp.CMP_LT, 0)));
        assertEquals(1, apply(0, FutexOp.encode(FutexOp.OP_ADD, 0, FutexOp.CMP_LE, 0)));
        assertEquals(0, apply(0, FutexOp.encode(FutexOp.OP_ADD, 0, FutexOp.CMP_GT, 0)));
        assertEquals(1, apply(1, FutexOp.encode(FutexOp.OP_ADD, 0, FutexOp.CMP_GE, 1)));
        assertEquals(1, apply(0, FutexOp.encode(FutexOp.OP_SET, 0, FutexOp.CMP_GT, -2048)));
    }

    @Test
    void shiftedArgumentIsMaskedToFiveBits() {
        int or = FutexOp.OP_OR | FutexOp.OP_OPARG_SHIFT;
        apply(9, FutexOp.encode(or, 4, FutexOp.CMP_EQ, 0));
        assertEquals(25, memory.readInt(WORD));
        apply(25, FutexOp.encode(or, 40, FutexOp.CMP_EQ, 0)); // 40 & 31 = 8, as Linux logs and does
        assertEquals(281, memory.readInt(WORD));
    }

    @Test
    void unknownOperationWritesNothingButUnknownComparisonDoes() {
        assertEquals(-Errno.ENOSYS, apply(8, FutexOp.encode(7, 3, FutexOp.CMP_EQ, 5)));
        assertEquals(8, memory.readInt(WORD));
        assertEquals(-Errno.ENOSYS, apply(8, FutexOp.encode(FutexOp.OP_ADD, 1, 9, 5)));
        assertEquals(9, memory.readInt(WORD));
    }

    @Test
    void unmappedWordFaults() {
        assertEquals(-Errno.EFAULT, FutexOp.apply(memory, memory.end(), 0));
    }
}
