package org.osgix.loader.elf.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.osgix.exec.ExecException;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;

/**
 * Maps an ELF file's PT_LOAD segments into an address space. The whole span is reserved first
 * (PROT_NONE: at its fixed address for ET_EXEC, where the kernel chooses for ET_DYN), so the
 * segments can then be mapped with MAP_FIXED without touching anything else; the holes between
 * segments are released afterwards, as Linux leaves them.
 */
final class SegmentMapper {
    private static final int RESERVE_FLAGS = AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS
        | AddressSpace.MAP_NORESERVE;

    private final AddressSpace space;

    SegmentMapper(AddressSpace space) {
        this.space = space;
    }

    /** Maps {@code image} read from {@code file}; {@code guestName} names the file mappings. */
    MappedImage map(ElfImage image, ExecutableFile file, String guestName) throws ExecException {
        List<ProgramHeader> loads = image.loads();
        long low = Long.MAX_VALUE, high = 0;
        for (ProgramHeader load : loads) {
            low = Math.min(low, GuestPages.down(load.vaddr()));
            high = Math.max(high, GuestPages.up(load.vaddr() + load.memSize()));
        }
        long span = high - low;
        long bias = image.isPositionIndependent()
            ? reserveAnywhere(span, maximumAlignment(loads)) - low
            : reserveAt(low, span);

        List<long[]> mapped = new ArrayList<>();
        for (ProgramHeader load : loads) {
            if (load.memSize() > 0) {
                mapped.add(mapSegment(load, bias, file, guestName));
            }
        }
        releaseHoles(mapped, bias + low, bias + high);
        long phdrAddress = image.phdrVaddr() < 0 ? 0 : bias + image.phdrVaddr();
        return new MappedImage(bias, bias + image.entry(), phdrAddress, bias + high);
    }

    /** The largest power-of-two p_align of the segments, at least a page (Linux aligns PIEs so). */
    private static long maximumAlignment(List<ProgramHeader> loads) {
        long alignment = GuestPages.SIZE;
        for (ProgramHeader load : loads) {
            long a = load.align();
            if (a > alignment && Long.bitCount(a) == 1) {
                alignment = a;
            }
        }
        return alignment;
    }

    private long reserveAt(long address, long length) throws ExecException {
        long got = space.mmap(address, length, AddressSpace.PROT_NONE,
            RESERVE_FLAGS | AddressSpace.MAP_FIXED_NOREPLACE, -1, 0, null);
        if (got != address) {
            throw ExecErrors.of(Errno.ENOMEM);
        }
        return 0;
    }

    /** Reserves {@code length} bytes aligned to {@code alignment} where the kernel chooses. */
    private long reserveAnywhere(long length, long alignment) throws ExecException {
        if (alignment > ElfImage.TASK_SIZE) {
            throw ExecErrors.of(Errno.ENOMEM);
        }
        long slack = alignment - GuestPages.SIZE;
        long reserved = space.mmap(0, length + slack, AddressSpace.PROT_NONE, RESERVE_FLAGS, -1, 0,
            null);
        if (reserved < 0) {
            throw ExecErrors.of(Errno.ENOMEM);
        }
        long start = GuestPages.alignUp(reserved, alignment);
        if (start > reserved) {
            space.munmap(reserved, start - reserved);
        }
        long reservedEnd = reserved + length + slack;
        if (reservedEnd > start + length) {
            space.munmap(start + length, reservedEnd - (start + length));
        }
        return start;
    }

    /**
     * Maps one PT_LOAD: its file pages private, then anonymous zero pages for the rest of p_memsz.
     * The part of the last file page beyond p_filesz is zeroed (it holds whatever follows in the
     * file), with the page writable while doing so.
     *
     * @return the page range covered, {start, end}
     */
    private long[] mapSegment(ProgramHeader load, long bias, ExecutableFile file, String guestName)
        throws ExecException {
        long start = bias + load.vaddr();
        long pageStart = GuestPages.down(start);
        long fileEnd = start + load.fileSize();
        long memEnd = start + load.memSize();
        int prot = load.prot();
        long anonymousStart = pageStart;
        if (load.fileSize() > 0) {
            long filePagesEnd = GuestPages.up(fileEnd);
            boolean zeroTail = load.memSize() > load.fileSize() && fileEnd != filePagesEnd;
            int mapProt = zeroTail ? prot | AddressSpace.PROT_WRITE : prot;
            long fileOffset = load.offset() - (start - pageStart);
            mapFixed(pageStart, filePagesEnd - pageStart, mapProt, AddressSpace.MAP_PRIVATE,
                file.hostFd(), fileOffset, guestName);
            if (zeroTail) {
                zero(fileEnd, filePagesEnd - fileEnd);
                if (mapProt != prot && space.mprotect(pageStart, filePagesEnd - pageStart, prot) < 0) {
                    throw ExecErrors.of(Errno.ENOMEM);
                }
            }
            anonymousStart = filePagesEnd;
        }
        long anonymousEnd = GuestPages.up(memEnd);
        if (anonymousEnd > anonymousStart) {
            mapFixed(anonymousStart, anonymousEnd - anonymousStart, prot,
                AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, -1, 0, null);
        }
        return new long[] {pageStart, Math.max(anonymousStart, anonymousEnd)};
    }

    private void mapFixed(long address, long length, int prot, int flags, int hostFd, long offset,
        String name) throws ExecException {
        long got = space.mmap(address, length, prot, flags | AddressSpace.MAP_FIXED, hostFd, offset,
            name);
        if (got != address) {
            // a file the host may not map executable (noexec mount) is EACCES, as execve says
            boolean denied = got == -Errno.EACCES || got == -Errno.EPERM;
            throw ExecErrors.of(denied ? Errno.EACCES : Errno.ENOMEM);
        }
    }

    private void zero(long address, long length) throws ExecException {
        try {
            space.fill(address, length, (byte) 0);
        } catch (GuestFault fault) {
            throw ExecErrors.of(Errno.EFAULT);
        }
    }

    /** Unmaps the reserved pages no segment covers. */
    private void releaseHoles(List<long[]> mapped, long start, long end) {
        mapped.sort(Comparator.comparingLong(range -> range[0]));
        long cursor = start;
        for (long[] range : mapped) {
            if (range[0] > cursor) {
                space.munmap(cursor, range[0] - cursor);
            }
            cursor = Math.max(cursor, range[1]);
        }
        if (end > cursor) {
            space.munmap(cursor, end - cursor);
        }
    }
}
