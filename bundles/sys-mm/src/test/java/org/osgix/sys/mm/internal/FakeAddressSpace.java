package org.osgix.sys.mm.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestFault;

/**
 * An address space for tests: it records the mapping calls it gets (as text) and answers them
 * with {@link #result}; {@link #map} declares the mappings coverage checks see; guest memory is a
 * byte array at {@link #BASE} (everything else faults).
 */
final class FakeAddressSpace implements AddressSpace {
    static final long BASE = 0x10000000L;
    final List<String> calls = new ArrayList<>();
    final List<Mapping> mappings = new ArrayList<>();
    /** What the next mapping call returns. */
    long result;
    /** Run inside mmap (to look at state while the call is in the address space). */
    Runnable duringMmap = () -> { };
    private final byte[] bytes = new byte[4 * 4096];

    /** Declares a mapping [start, end) named {@code name}. */
    void map(long start, long end, String name) {
        mappings.add(new FakeMapping(start, end, name));
        mappings.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
    }

    String lastCall() {
        return calls.isEmpty() ? "none" : calls.get(calls.size() - 1);
    }

    private record FakeMapping(long start, long end, String name) implements Mapping {
        @Override
        public int prot() {
            return PROT_READ | PROT_WRITE;
        }

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public long offset() {
            return 0;
        }
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
    public void initBrk(long start) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Mapping> mappings() {
        return List.copyOf(mappings);
    }

    private int index(long addr, long len) {
        if (addr < BASE || len < 0 || addr - BASE > bytes.length - len) {
            throw new GuestFault(addr);
        }
        return (int) (addr - BASE);
    }

    @Override
    public long hostAddress(long addr, long len, int access) {
        throw new UnsupportedOperationException("no host memory here");
    }

    @Override
    public boolean isAccessible(long addr, long len, int access) {
        return addr >= BASE && len >= 0 && addr - BASE <= bytes.length - len;
    }

    @Override
    public byte readByte(long addr) {
        return bytes[index(addr, 1)];
    }

    @Override
    public int readInt(long addr) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long readLong(long addr) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void writeByte(long addr, byte value) {
        bytes[index(addr, 1)] = value;
    }

    @Override
    public void writeInt(long addr, int value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void writeLong(long addr, long value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        System.arraycopy(bytes, index(addr, len), dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        System.arraycopy(src, off, bytes, index(addr, len), len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        int start = index(addr, len);
        java.util.Arrays.fill(bytes, start, start + (int) len, value);
    }

    @Override
    public String readCString(long addr, int maxLen) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int writeCString(long addr, String s) {
        byte[] data = (s + '\0').getBytes(StandardCharsets.UTF_8);
        write(addr, data, 0, data.length);
        return data.length;
    }
}
