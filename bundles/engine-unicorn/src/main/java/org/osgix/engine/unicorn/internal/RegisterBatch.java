package org.osgix.engine.unicorn.internal;

/**
 * A fixed set of registers read or written with one {@code uc_reg_*_batch} call through native
 * memory allocated once: the hot paths (syscall and CPUID hooks) allocate nothing per call.
 * Not thread-safe; each batch belongs to one machine and is used by its driving thread.
 */
final class RegisterBatch {
    private final NativeBuffer memory;
    private final long ids;
    private final long pointers;
    private final int valuesOffset;
    private final int count;

    RegisterBatch(int... registerIds) {
        count = registerIds.length;
        int idsBytes = 8 * ((count + 1) / 2); // keep the pointer array 8-byte aligned
        memory = new NativeBuffer(idsBytes + 16 * count); // zeroed: narrow registers read clean
        ids = memory.address(0);
        pointers = memory.address(idsBytes);
        valuesOffset = idsBytes + 8 * count;
        for (int i = 0; i < count; i++) {
            memory.putInt(4 * i, registerIds[i]);
            memory.putLong(idsBytes + 8 * i, memory.address(valuesOffset + 8 * i));
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
        return memory.getLong(valuesOffset + 8 * index);
    }

    void set(int index, long value) {
        memory.putLong(valuesOffset + 8 * index, value);
    }

    private static void check(int err, String what) {
        if (err != UnicornLibrary.UC_ERR_OK) {
            throw new IllegalStateException(what + ": " + UnicornLibrary.describe(err));
        }
    }
}
