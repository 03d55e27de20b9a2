package org.osgix.engine.unicorn.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * A fixed set of registers read or written with one {@code uc_reg_*_batch} call through native
 * memory allocated once: the hot paths (syscall and CPUID hooks) allocate nothing per call.
 * Not thread-safe; each batch belongs to one machine and is used by its driving thread.
 */
final class RegisterBatch {
    private final Memory memory;
    private final long ids;
    private final long pointers;
    private final long valuesOffset;
    private final int count;

    RegisterBatch(int... registerIds) {
        count = registerIds.length;
        long idsBytes = 8L * ((count + 1) / 2); // keep the pointer array 8-byte aligned
        memory = new Memory(idsBytes + 16L * count);
        memory.clear(); // some registers are narrower than 8 bytes: keep their upper bytes zero
        long base = Pointer.nativeValue(memory);
        ids = base;
        pointers = base + idsBytes;
        valuesOffset = idsBytes + 8L * count;
        for (int i = 0; i < count; i++) {
            memory.setInt(4L * i, registerIds[i]);
            memory.setLong(idsBytes + 8L * i, base + valuesOffset + 8L * i);
        }
    }

    /** Reads every register of the batch from the CPU. */
    void read(long uc) {
        check(UnicornLibrary.uc_reg_read_batch(uc, ids, pointers, count), "uc_reg_read_batch");
    }

    /** Writes the first {@code n} registers of the batch to the CPU. */
    void write(long uc, int n) {
        check(UnicornLibrary.uc_reg_write_batch(uc, ids, pointers, n), "uc_reg_write_batch");
    }

    long get(int index) {
        return memory.getLong(valuesOffset + 8L * index);
    }

    void set(int index, long value) {
        memory.setLong(valuesOffset + 8L * index, value);
    }

    private static void check(int err, String what) {
        if (err != UnicornLibrary.UC_ERR_OK) {
            throw new IllegalStateException(what + ": " + UnicornLibrary.describe(err));
        }
    }
}
