package org.osgix.fd.table.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Descriptor slots, readable without a lock. Slots live in fixed chunks that are never replaced,
 * so a compare-and-set on a slot can never be lost to a concurrent growth; only the small chunk
 * directory is copied (on write) when the table grows. Writers other than compare-and-set hold
 * the table's writer lock.
 */
final class SlotArray {
    private static final int CHUNK_BITS = 6;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private volatile AtomicReferenceArray<Slot>[] chunks = newDirectory(1);

    @SuppressWarnings("unchecked")
    private static AtomicReferenceArray<Slot>[] newDirectory(int length) {
        AtomicReferenceArray<Slot>[] directory = new AtomicReferenceArray[length];
        directory[0] = new AtomicReferenceArray<>(CHUNK_SIZE);
        return directory;
    }

    /** The slot of {@code fd}, or null; a negative fd shifts far out of range. */
    Slot get(int fd) {
        AtomicReferenceArray<Slot>[] directory = chunks;
        int chunk = fd >>> CHUNK_BITS;
        if (chunk >= directory.length) {
            return null;
        }
        AtomicReferenceArray<Slot> slots = directory[chunk];
        return slots == null ? null : slots.get(fd & CHUNK_MASK);
    }

    /** Replaces {@code expected} (non-null, so its chunk exists) with {@code update}. */
    boolean compareAndSet(int fd, Slot expected, Slot update) {
        return chunks[fd >>> CHUNK_BITS].compareAndSet(fd & CHUNK_MASK, expected, update);
    }

    /** Writer lock held. */
    void set(int fd, Slot slot) {
        chunkForWrite(fd).set(fd & CHUNK_MASK, slot);
    }

    private AtomicReferenceArray<Slot> chunkForWrite(int fd) {
        int chunk = fd >>> CHUNK_BITS;
        AtomicReferenceArray<Slot>[] directory = chunks;
        if (chunk < directory.length && directory[chunk] != null) {
            return directory[chunk];
        }
        AtomicReferenceArray<Slot>[] grown =
            chunk < directory.length ? directory.clone() : Arrays.copyOf(directory, Math.max(chunk + 1, directory.length * 2));
        grown[chunk] = new AtomicReferenceArray<>(CHUNK_SIZE);
        chunks = grown;
        return grown[chunk];
    }
}
