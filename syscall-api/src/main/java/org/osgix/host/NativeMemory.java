package org.osgix.host;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Raw access to host memory by address, for code that has already range-checked a guest address
 * (guest memory accessors) or owns a scratch buffer. Never hand it an unchecked guest address.
 */
@ProviderType
public interface NativeMemory {
    byte getByte(long addr);

    int getInt(long addr);

    long getLong(long addr);

    void putByte(long addr, byte v);

    void putInt(long addr, int v);

    void putLong(long addr, long v);

    void get(long addr, byte[] dst, int off, int len);

    void put(long addr, byte[] src, int off, int len);

    void fill(long addr, long len, byte v);

    void copy(long dst, long src, long len);

    /** Index of the first NUL in [addr, addr+max), or -1. */
    long indexOfNul(long addr, long max);

    /** malloc'ed scratch memory (zeroed); free with {@link #free}. */
    long allocate(long size);

    void free(long addr);
}
