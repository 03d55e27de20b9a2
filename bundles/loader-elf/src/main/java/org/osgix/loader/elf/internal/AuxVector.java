package org.osgix.loader.elf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ELF auxiliary vector (type/value pairs after envp), in insertion order. */
final class AuxVector {
    static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
        AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13,
        AT_EGID = 14, AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23,
        AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;

    private final Map<Integer, Long> entries = new LinkedHashMap<>();

    /** Adds an entry, or changes its value in place if the type is already present. */
    AuxVector put(int type, long value) {
        entries.put(type, value);
        return this;
    }

    Long get(int type) {
        return entries.get(type);
    }

    /** The number of entries, AT_NULL not counted. */
    int size() {
        return entries.size();
    }

    Map<Integer, Long> entries() {
        return entries;
    }

    /** The vector as it lies on the stack and as /proc/self/auxv reads: the pairs, then AT_NULL. */
    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(2 * Long.BYTES * (entries.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        putInto(out);
        return out.array();
    }

    /** Writes the pairs and the AT_NULL pair at the buffer's position. */
    void putInto(ByteBuffer out) {
        for (Map.Entry<Integer, Long> entry : entries.entrySet()) {
            out.putLong(entry.getKey());
            out.putLong(entry.getValue());
        }
        out.putLong(AT_NULL).putLong(0);
    }
}
