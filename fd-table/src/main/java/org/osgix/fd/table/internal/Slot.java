package org.osgix.fd.table.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.osgix.fd.FdSnapshot;

/**
 * One occupied descriptor slot, immutable: changing close-on-exec replaces the whole object, so a
 * reader always sees a consistent (fd, generation, file, cloexec) from a single reference read.
 */
final class Slot implements FdSnapshot {
    /** Global so a generation identifies one allocation across every table (no ABA). */
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private final int fd;
    private final long generation;
    private final Description file;
    private final boolean cloexec;

    private Slot(int fd, long generation, Description file, boolean cloexec) {
        this.fd = fd;
        this.generation = generation;
        this.file = file;
        this.cloexec = cloexec;
    }

    /** A new allocation of {@code fd}, stamped with the next generation. */
    static Slot allocate(int fd, Description file, boolean cloexec) {
        return new Slot(fd, GENERATIONS.incrementAndGet(), file, cloexec);
    }

    /** The same allocation with another close-on-exec flag. */
    Slot withCloexec(boolean newCloexec) {
        return newCloexec == cloexec ? this : new Slot(fd, generation, file, newCloexec);
    }

    @Override
    public int fd() {
        return fd;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public Description file() {
        return file;
    }

    @Override
    public boolean cloexec() {
        return cloexec;
    }

    @Override
    public String toString() {
        return "fd " + fd + " (generation " + generation + (cloexec ? ", cloexec" : "") + ") -> " + file;
    }
}
