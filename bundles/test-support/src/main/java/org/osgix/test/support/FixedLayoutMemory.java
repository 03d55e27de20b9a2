package org.osgix.test.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgix.syscall.AddressSpace;

/** Guest memory for tests whose layout never changes: the mapping calls are unsupported, none are listed. */
public interface FixedLayoutMemory extends AddressSpace {
    @Override
    default int writeCString(long addr, String s) {
        byte[] bytes = (s + '\0').getBytes(StandardCharsets.UTF_8);
        write(addr, bytes, 0, bytes.length);
        return bytes.length;
    }

    @Override
    default long mmap(long addr, long len, int prot, int flags, int hostFd, long offset, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    default int munmap(long addr, long len) {
        throw new UnsupportedOperationException();
    }

    @Override
    default int mprotect(long addr, long len, int prot) {
        throw new UnsupportedOperationException();
    }

    @Override
    default long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        throw new UnsupportedOperationException();
    }

    @Override
    default int madvise(long addr, long len, int advice) {
        throw new UnsupportedOperationException();
    }

    @Override
    default long brk(long newBreak) {
        throw new UnsupportedOperationException();
    }

    @Override
    default void initBrk(long start) {
        throw new UnsupportedOperationException();
    }

    @Override
    default List<Mapping> mappings() {
        return List.of();
    }
}
