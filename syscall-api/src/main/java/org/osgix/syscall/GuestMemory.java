package org.osgix.syscall;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Range-checked access to a guest's memory. Every guest pointer a handler touches goes through
 * this interface; nothing outside the guest's own mappings can be read or written.
 *
 * <p>The typed accessors throw {@link GuestFault} when a byte of the range is not mapped with the
 * access needed. Guest memory is little-endian (x86_64, aarch64).
 */
@ProviderType
public interface GuestMemory {
    int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    long PAGE_SIZE = 4096;

    /**
     * The host address of the guest range {@code [addr, addr+len)} after checking that every
     * byte is mapped with {@code access} (PROT_READ and/or PROT_WRITE). The range is contiguous in
     * host memory, so it may be handed to a host call (read(2) into a guest buffer, zero copy).
     *
     * @return the host address (positive), or {@code -Errno.EFAULT}
     */
    long hostAddress(long addr, long len, int access);

    /** True when every byte of the range is mapped with {@code access}. */
    boolean isAccessible(long addr, long len, int access);

    byte readByte(long addr);

    int readInt(long addr);

    long readLong(long addr);

    void writeByte(long addr, byte value);

    void writeInt(long addr, int value);

    void writeLong(long addr, long value);

    void read(long addr, byte[] dst, int off, int len);

    void write(long addr, byte[] src, int off, int len);

    /** Fills the range with {@code value}. */
    void fill(long addr, long len, byte value);

    /**
     * Reads a NUL-terminated string of at most {@code maxLen} bytes (the NUL excluded), decoded as
     * UTF-8 (Linux paths are bytes; invalid sequences map to U+FFFD).
     *
     * @return the string, or null if no NUL was found within {@code maxLen} bytes
     * @throws GuestFault if the bytes before the NUL are not readable
     */
    String readCString(long addr, int maxLen);

    /** Writes the string's UTF-8 bytes and a terminating NUL; returns the bytes written. */
    int writeCString(long addr, String s);
}
