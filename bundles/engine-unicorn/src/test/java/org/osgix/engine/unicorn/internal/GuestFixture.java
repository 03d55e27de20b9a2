package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;

/**
 * A machine over a few host pages: page 0 holds the code (engine view: read+exec), the other
 * pages are data mapped on request. Closes the machine before releasing the host memory.
 */
final class GuestFixture implements AutoCloseable {
    static final int PAGE = 4096;
    static final int READ = 1, WRITE = 2, EXEC = 4;
    static final CpuidTable CPUID = CpuidTable.probe();

    final HostMemory memory;
    final RecordingTraps traps;
    final UnicornCore machine;

    GuestFixture(RecordingTraps traps, int pages) {
        this.memory = new HostMemory((long) pages * PAGE);
        this.traps = traps;
        this.machine = new UnicornCore(traps, CPUID);
    }

    GuestFixture(RecordingTraps traps) {
        this(traps, 4);
    }

    /** Writes the program at page 0, makes it visible read+exec and points the PC at it. */
    long load(X86Code code) {
        memory.write(0, code.bytes());
        assertEquals(0, machine.map(memory.address, PAGE, READ | EXEC));
        machine.set(CpuRegister.PC, memory.address);
        return memory.address;
    }

    /** Host/guest address of page {@code n}. */
    long page(int n) {
        return memory.address + (long) n * PAGE;
    }

    /** Makes page {@code n} visible read+write and returns its address. */
    long dataPage(int n) {
        assertEquals(0, machine.map(page(n), PAGE, READ | WRITE));
        return page(n);
    }

    @Override
    public void close() {
        machine.close();
        memory.close();
    }
}
