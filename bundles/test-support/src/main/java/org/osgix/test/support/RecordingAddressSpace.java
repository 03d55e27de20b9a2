package org.osgix.test.support;

import java.util.ArrayList;
import java.util.List;

/**
 * An address space for tests of the mapping calls: it records each call it gets (as text) and
 * answers it with {@link #setResult}; {@link #map} declares the mappings coverage checks see;
 * guest memory is four pages of {@link BufferMemory} at {@link #START}.
 */
public final class RecordingAddressSpace extends BufferMemory {
    /** Where its guest memory starts. */
    public static final long START = 0x10000000L;

    private final List<String> calls = new ArrayList<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private volatile long result;
    private volatile Runnable duringMmap = () -> { };

    public RecordingAddressSpace() {
        super(START, 4);
    }

    /** What the next mapping calls return. */
    public void setResult(long result) {
        this.result = result;
    }

    /** Runs inside mmap (to look at state while the call is in the address space). */
    public void setDuringMmap(Runnable action) {
        this.duringMmap = action;
    }

    /** Declares a private read-write mapping [start, end) named {@code name}. */
    public void map(long start, long end, String name) {
        mappings.add(new TestMapping(start, end, PROT_READ | PROT_WRITE, false, 0, name));
        mappings.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
    }

    /** The last mapping call, or "none". */
    public String lastCall() {
        return calls.isEmpty() ? "none" : calls.get(calls.size() - 1);
    }

    @Override
    public long mmap(long addr, long len, int prot, int flags, int hostFd, long offset, String name) {
        duringMmap.run();
        calls.add(String.format("mmap(0x%x, %d, %d, 0x%x, %d, %d, %s)", addr, len, prot, flags, hostFd, offset, name));
        return result;
    }

    @Override
    public int munmap(long addr, long len) {
        calls.add(String.format("munmap(0x%x, %d)", addr, len));
        return (int) result;
    }

    @Override
    public int mprotect(long addr, long len, int prot) {
        calls.add(String.format("mprotect(0x%x, %d, %d)", addr, len, prot));
        return (int) result;
    }

    @Override
    public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        calls.add(String.format("mremap(0x%x, %d, %d, %d, 0x%x)", oldAddr, oldLen, newLen, flags, newAddr));
        return result;
    }

    @Override
    public int madvise(long addr, long len, int advice) {
        calls.add(String.format("madvise(0x%x, %d, %d)", addr, len, advice));
        return (int) result;
    }

    @Override
    public long brk(long newBreak) {
        calls.add(String.format("brk(0x%x)", newBreak));
        return result;
    }

    @Override
    public List<Mapping> mappings() {
        return List.copyOf(mappings);
    }
}
