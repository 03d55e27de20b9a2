package org.osgix.loader.elf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgix.exec.ExecException;
import org.osgix.syscall.Errno;

/**
 * A parsed ELF64 little-endian x86_64 executable: its header fields and program headers. Parsing
 * is strict; every inconsistency (bad magic, wrong class or machine, a program header table or
 * segment outside the file, an unterminated PT_INTERP...) is an {@code ENOEXEC}
 * {@link ExecException}, never another exception.
 */
final class ElfImage {
    static final int ET_EXEC = 2, ET_DYN = 3;
    static final int EM_X86_64 = 62;
    static final int HEADER_SIZE = 64;
    /** Linux refuses program header tables larger than this. */
    private static final int MAX_PHDR_TABLE = 65536;
    /** Linux's PATH_MAX bounds PT_INTERP. */
    private static final int MAX_INTERP = 4096;
    /** x86_64 user space ends here (47-bit addresses, minus the guard page). */
    static final long TASK_SIZE = 0x7ffffffff000L;

    private final int type;
    private final long entry;
    private final long phdrOffset;
    private final int phdrCount;
    private final List<ProgramHeader> loads;
    private final String interpreter;
    private final long phdrVaddr;
    private final boolean executableStack;

    private ElfImage(int type, long entry, long phdrOffset, int phdrCount, List<ProgramHeader> loads,
        String interpreter, long phdrVaddr, boolean executableStack) {
        this.type = type;
        this.entry = entry;
        this.phdrOffset = phdrOffset;
        this.phdrCount = phdrCount;
        this.loads = loads;
        this.interpreter = interpreter;
        this.phdrVaddr = phdrVaddr;
        this.executableStack = executableStack;
    }

    static boolean hasElfMagic(byte[] head) {
        return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
    }

    /**
     * Parses the header in {@code head} (the file's first bytes) and the program headers read
     * from {@code file}.
     */
    static ElfImage parse(byte[] head, ExecutableFile file) throws ExecException {
        if (head.length < HEADER_SIZE || !hasElfMagic(head)) {
            throw ExecErrors.formatError();
        }
        // Linux's binfmt_elf never looks at e_ident past the magic (class, data, version, ABI):
        // e_machine and e_phentsize decide, so a 64-bit layout with another class byte still runs
        ByteBuffer h = ByteBuffer.wrap(head, 0, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(h.getShort(16));
        int machine = Short.toUnsignedInt(h.getShort(18));
        long entry = h.getLong(24);
        long phoff = h.getLong(32);
        int phentsize = Short.toUnsignedInt(h.getShort(54));
        int phnum = Short.toUnsignedInt(h.getShort(56));
        if ((type != ET_EXEC && type != ET_DYN) || machine != EM_X86_64
            || phentsize != ProgramHeader.SIZE || phnum == 0
            || phnum * ProgramHeader.SIZE > MAX_PHDR_TABLE) {
            throw ExecErrors.formatError();
        }
        int tableSize = phnum * ProgramHeader.SIZE;
        requireInFile(phoff, tableSize, file.size());
        List<ProgramHeader> headers = readProgramHeaders(file.readFully(phoff, tableSize), phnum);

        List<ProgramHeader> loads = new ArrayList<>();
        ProgramHeader interp = null;
        long phdrVaddr = -1;
        boolean executableStack = false;
        for (ProgramHeader ph : headers) {
            switch (ph.type()) {
                case ProgramHeader.PT_LOAD -> {
                    checkLoad(ph, file.size());
                    loads.add(ph);
                }
                case ProgramHeader.PT_INTERP -> interp = interp == null ? ph : interp;
                case ProgramHeader.PT_PHDR -> phdrVaddr = phdrVaddr < 0 ? ph.vaddr() : phdrVaddr;
                case ProgramHeader.PT_GNU_STACK -> executableStack = (ph.flags() & ProgramHeader.PF_X) != 0;
                default -> { } // notes, TLS, dynamic... are ld.so's business
            }
        }
        if (loads.isEmpty()) {
            throw ExecErrors.formatError();
        }
        if (phdrVaddr < 0) {
            phdrVaddr = phdrVaddrFromLoads(loads, phoff, tableSize);
        }
        if (phdrVaddr >= TASK_SIZE) {
            phdrVaddr = -1;
        }
        String interpreter = interp == null ? null : readInterpreter(interp, file);
        return new ElfImage(type, entry, phoff, phnum, List.copyOf(loads), interpreter, phdrVaddr,
            executableStack);
    }

    private static List<ProgramHeader> readProgramHeaders(byte[] table, int count) {
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        List<ProgramHeader> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int at = i * ProgramHeader.SIZE;
            headers.add(new ProgramHeader(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8),
                b.getLong(at + 16), b.getLong(at + 32), b.getLong(at + 40), b.getLong(at + 48)));
        }
        return headers;
    }

    /** A PT_LOAD must lie in the file and in user space, with offset and vaddr congruent. */
    private static void checkLoad(ProgramHeader ph, long fileSize) throws ExecException {
        if (ph.fileSize() > ph.memSize()) {
            throw ExecErrors.formatError();
        }
        requireInFile(ph.offset(), ph.fileSize(), fileSize);
        long vaddr = ph.vaddr(), memSize = ph.memSize();
        if (vaddr < 0 || vaddr >= TASK_SIZE || memSize < 0 || memSize > TASK_SIZE - vaddr) {
            throw ExecErrors.formatError();
        }
        if (ph.fileSize() > 0
            && Math.floorMod(vaddr, GuestPages.SIZE) != Math.floorMod(ph.offset(), GuestPages.SIZE)) {
            throw ExecErrors.formatError();
        }
    }

    private static void requireInFile(long offset, long length, long fileSize) throws ExecException {
        if (offset < 0 || length < 0 || offset > fileSize || length > fileSize - offset) {
            throw ExecErrors.formatError();
        }
    }

    /** Without PT_PHDR: the address of the table inside the PT_LOAD whose file bytes hold it. */
    private static long phdrVaddrFromLoads(List<ProgramHeader> loads, long phoff, int tableSize) {
        for (ProgramHeader load : loads) {
            if (load.containsFileRange(phoff, tableSize)) {
                return load.vaddr() + (phoff - load.offset());
            }
        }
        return -1;
    }

    private static String readInterpreter(ProgramHeader interp, ExecutableFile file)
        throws ExecException {
        long length = interp.fileSize();
        if (length < 2 || length > MAX_INTERP) {
            throw ExecErrors.formatError();
        }
        if (interp.offset() < 0) {
            throw ExecErrors.of(Errno.EINVAL); // Linux: a negative file position
        }
        if (interp.offset() > file.size() - length) {
            throw ExecErrors.of(Errno.EIO); // Linux: the read of the name comes back short
        }
        byte[] bytes = file.readFully(interp.offset(), (int) length);
        if (bytes[bytes.length - 1] != 0) {
            throw ExecErrors.formatError();
        }
        int end = 0;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    int type() {
        return type;
    }

    boolean isPositionIndependent() {
        return type == ET_DYN;
    }

    /** e_entry (add the load bias for ET_DYN). */
    long entry() {
        return entry;
    }

    long phdrOffset() {
        return phdrOffset;
    }

    int phdrCount() {
        return phdrCount;
    }

    /** The PT_LOAD headers in file order. */
    List<ProgramHeader> loads() {
        return loads;
    }

    /** The PT_INTERP path, or null for a static program. */
    String interpreter() {
        return interpreter;
    }

    /** The program headers' virtual address (before the load bias), -1 if no segment holds them. */
    long phdrVaddr() {
        return phdrVaddr;
    }

    /** PT_GNU_STACK asks for an executable stack. */
    boolean executableStack() {
        return executableStack;
    }
}
