package org.osgix.loader.elf.internal;

/** One ELF64 program header (Elf64_Phdr), values as read from the file. */
record ProgramHeader(int type, int flags, long offset, long vaddr, long fileSize, long memSize,
    long align) {
    static final int PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PT_GNU_STACK = 0x6474e551;
    static final int PF_X = 1, PF_W = 2, PF_R = 4;
    static final int SIZE = 56;

    /** The mmap protection for this segment's flags. */
    int prot() {
        int prot = 0;
        if ((flags & PF_R) != 0) {
            prot |= 1; // PROT_READ
        }
        if ((flags & PF_W) != 0) {
            prot |= 2; // PROT_WRITE
        }
        if ((flags & PF_X) != 0) {
            prot |= 4; // PROT_EXEC
        }
        return prot;
    }

    /** True when file bytes [offset, offset+fileSize) contain the range [from, from+len). */
    boolean containsFileRange(long from, long len) {
        return from >= offset && from + len <= offset + fileSize;
    }
}
