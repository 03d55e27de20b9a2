package org.osgix.syscall.support;

import java.nio.charset.StandardCharsets;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * Guest memory whose guest addresses are host addresses: every typed accessor checks its range
 * with {@link #check} (a {@link GuestFault} where the guest may not access it) and then moves
 * the bytes with {@link NativeMemory}. A subclass says what is accessible; the kernel's address
 * space and the test doubles share this, so the checked accessors are written once.
 */
@ConsumerType
public abstract class CheckedMemory implements GuestMemory {
    private final NativeMemory mem;

    protected CheckedMemory(NativeMemory mem) {
        this.mem = mem;
    }

    /** Throws {@link GuestFault} unless the guest may {@code access} all of {@code [addr, addr+len)}. */
    protected void check(long addr, long len, int access) {
        if (!isAccessible(addr, len, access)) {
            throw new GuestFault(addr);
        }
    }

    @Override
    public long hostAddress(long addr, long len, int access) {
        return isAccessible(addr, len, access) ? addr : -Errno.EFAULT;
    }

    @Override
    public byte readByte(long addr) {
        check(addr, 1, PROT_READ);
        return mem.getByte(addr);
    }

    @Override
    public int readInt(long addr) {
        check(addr, 4, PROT_READ);
        return mem.getInt(addr);
    }

    @Override
    public long readLong(long addr) {
        check(addr, 8, PROT_READ);
        return mem.getLong(addr);
    }

    @Override
    public void writeByte(long addr, byte value) {
        check(addr, 1, PROT_WRITE);
        mem.putByte(addr, value);
    }

    @Override
    public void writeInt(long addr, int value) {
        check(addr, 4, PROT_WRITE);
        mem.putInt(addr, value);
    }

    @Override
    public void writeLong(long addr, long value) {
        check(addr, 8, PROT_WRITE);
        mem.putLong(addr, value);
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        check(addr, len, PROT_READ);
        mem.get(addr, dst, off, len);
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        check(addr, len, PROT_WRITE);
        mem.put(addr, src, off, len);
    }

    @Override
    public void fill(long addr, long len, byte value) {
        check(addr, len, PROT_WRITE);
        mem.fill(addr, len, value);
    }

    /** Byte by byte; a subclass that knows its mappings scans whole ranges instead. */
    @Override
    public String readCString(long addr, int maxLen) {
        for (int i = 0; i <= maxLen; i++) {
            if (readByte(addr + i) == 0) {
                byte[] bytes = new byte[i];
                mem.get(addr, bytes, 0, i);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public int writeCString(long addr, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        check(addr, bytes.length + 1L, PROT_WRITE);
        mem.put(addr, bytes, 0, bytes.length);
        mem.putByte(addr + bytes.length, (byte) 0);
        return bytes.length + 1;
    }
}
