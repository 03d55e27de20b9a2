package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.exec.LoadedImage;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestMemory;

class ElfProgramLoaderTest extends LoaderTestSupport {

    @Test
    void staticExecutableIsMappedAtItsLinkAddresses() throws Exception {
        Path program = TestPrograms.compile("static", TestPrograms.TINY_PROGRAM, "-static");
        ElfFacts elf = ElfFacts.read(program);
        assertEquals(ElfImage.ET_EXEC, elf.type());
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program, "static");

        assertEquals(elf.entry(), image.entry());
        assertEquals(program.toString(), image.executable());
        assertEquals(List.of("static"), image.argv());
        assertLoadedLikeFile(space, elf, 0);
        assertEquals(elf.end(), space.brkStart());
        InitialStackReader stack = InitialStackReader.read(space, image.stackPointer());
        assertEquals(0L, stack.auxv().get(AuxVector.AT_BASE));
        assertEquals(elf.entry(), stack.auxv().get(AuxVector.AT_ENTRY));
        assertProgramHeadersAt(space, elf, stack.auxv().get(AuxVector.AT_PHDR));
        AddressSpace.Mapping code = space.regionAt(elf.entry());
        assertEquals(GuestMemory.PROT_READ | GuestMemory.PROT_EXEC, code.prot());
        assertEquals(program.toString(), code.name());
    }

    @Test
    void staticPieIsRelocatedToAKernelChosenBase() throws Exception {
        Path program = TestPrograms.compile("static-pie", TestPrograms.TINY_PROGRAM, "-static-pie");
        ElfFacts elf = ElfFacts.read(program);
        assertEquals(ElfImage.ET_DYN, elf.type());
        assertEquals(null, elf.interpreter());
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program, "static-pie");

        long bias = image.entry() - elf.entry();
        assertNotEquals(0, bias);
        assertEquals(0, bias % GuestPages.SIZE);
        assertTrue(space.calls().get(0).startsWith("mmap 0 "), space.calls().get(0));
        assertLoadedLikeFile(space, elf, bias);
        assertEquals(bias + elf.end(), space.brkStart());
        InitialStackReader stack = InitialStackReader.read(space, image.stackPointer());
        assertEquals(0L, stack.auxv().get(AuxVector.AT_BASE));
        assertEquals(image.entry(), stack.auxv().get(AuxVector.AT_ENTRY));
        // no PT_PHDR here: the table is found through the PT_LOAD holding e_phoff
        assertEquals(bias + elf.phoff(), stack.auxv().get(AuxVector.AT_PHDR));
        assertProgramHeadersAt(space, elf, stack.auxv().get(AuxVector.AT_PHDR));
    }

    @Test
    void dynamicPieStartsInItsInterpreter() throws Exception {
        Path program = Paths.get("/bin/true").toRealPath();
        ElfFacts elf = ElfFacts.read(program);
        assertNotNull(elf.interpreter(), "/bin/true is expected to be dynamically linked");
        ElfFacts interpreter = ElfFacts.read(Paths.get(elf.interpreter()));
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program, "true");

        InitialStackReader stack = InitialStackReader.read(space, image.stackPointer());
        long interpreterBase = stack.auxv().get(AuxVector.AT_BASE);
        assertNotEquals(0L, interpreterBase);
        assertEquals(interpreterBase + interpreter.entry(), image.entry());
        long programBias = stack.auxv().get(AuxVector.AT_ENTRY) - elf.entry();
        assertNotEquals(0L, programBias);
        assertLoadedLikeFile(space, elf, programBias);
        assertLoadedLikeFile(space, interpreter, interpreterBase);
        assertEquals(elf.interpreter(), space.regionAt(image.entry()).name());
        assertEquals(program.toString(), space.regionAt(programBias + elf.entry()).name());
        assertEquals(programBias + elf.end(), space.brkStart());
        assertProgramHeadersAt(space, elf, stack.auxv().get(AuxVector.AT_PHDR));
        assertEquals(program.toString(), image.executable());
    }

    @Test
    void bssTailOfTheLastFilePageIsZeroed() throws Exception {
        Path program = TestPrograms.compile("bss", TestPrograms.BSS_PROGRAM, "-static");
        ElfFacts elf = ElfFacts.read(program);
        ElfFacts.Segment data = elf.loads().stream().filter(s -> s.memSize() > s.fileSize())
            .findFirst().orElseThrow();
        long fileEnd = data.vaddr() + data.fileSize();
        long pageEnd = GuestPages.up(fileEnd);
        byte[] fileTail = Arrays.copyOfRange(elf.bytes(), (int) (data.offset() + data.fileSize()),
            (int) (data.offset() + data.fileSize() + (pageEnd - fileEnd)));
        assertTrue(fileEnd % GuestPages.SIZE != 0 && !allZero(fileTail),
            "precondition: the file bytes after .data in its last page are not zero");
        IdentityAddressSpace space = newSpace();

        load(space, program, "bss");

        byte[] tail = new byte[(int) (pageEnd - fileEnd)];
        space.read(fileEnd, tail, 0, tail.length);
        assertTrue(allZero(tail), "the page's bytes after p_filesz are zero");
        long memEnd = data.vaddr() + data.memSize();
        assertTrue(space.isAccessible(fileEnd, memEnd - fileEnd,
            GuestMemory.PROT_READ | GuestMemory.PROT_WRITE));
        assertEquals(0, space.readLong(memEnd - 8));
        assertEquals(0, space.readLong(pageEnd + (3 << 19)));
        assertEquals(GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, space.regionAt(pageEnd).prot());
        assertEquals(null, space.regionAt(pageEnd).name());
    }

    /** A bss in a read-only segment: the last file page is made writable only to zero it. */
    @Test
    void bssTailOfAReadOnlySegmentIsZeroedThenProtected() throws Exception {
        Path built = TestPrograms.compile("bss", TestPrograms.BSS_PROGRAM, "-static");
        ElfFacts elf = ElfFacts.read(built);
        byte[] bytes = elf.bytes().clone();
        int dataIndex = elf.segments().indexOf(elf.loads().stream()
            .filter(s -> s.memSize() > s.fileSize()).findFirst().orElseThrow());
        ElfFacts.Segment data = elf.segments().get(dataIndex);
        int flagsAt = (int) elf.phoff() + dataIndex * ProgramHeader.SIZE + 4;
        bytes[flagsAt] = ProgramHeader.PF_R;
        Path program = TestPrograms.executable("bss-readonly", bytes);
        IdentityAddressSpace space = newSpace();

        load(space, program, "bss-readonly");

        long fileEnd = data.vaddr() + data.fileSize();
        long pageEnd = GuestPages.up(fileEnd);
        byte[] tail = new byte[(int) (pageEnd - fileEnd)];
        space.read(fileEnd, tail, 0, tail.length);
        assertTrue(allZero(tail));
        assertEquals(GuestMemory.PROT_READ, space.regionAt(fileEnd - 1).prot());
        assertEquals(GuestMemory.PROT_READ, space.regionAt(pageEnd).prot());
        assertTrue(space.calls().stream().anyMatch(c -> c.startsWith("mprotect ")), space.calls().toString());
    }

    /** Segments aligned to 2 MiB: the base honours p_align and the holes are released. */
    @Test
    void largeAlignmentIsHonouredAndHolesAreReleased() throws Exception {
        long alignment = 0x200000;
        Path program = TestPrograms.compile("static-pie-2m", TestPrograms.TINY_PROGRAM, "-static-pie",
            "-Wl,-z,max-page-size=0x200000");
        ElfFacts elf = ElfFacts.read(program);
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program, "static-pie-2m");

        long bias = image.entry() - elf.entry();
        assertEquals(0, bias % alignment);
        assertLoadedLikeFile(space, elf, bias);
        long holes = 0;
        List<ElfFacts.Segment> loads = elf.loads();
        for (int i = 0; i + 1 < loads.size(); i++) {
            long holeStart = bias + GuestPages.up(loads.get(i).vaddr() + loads.get(i).memSize());
            long holeEnd = bias + GuestPages.down(loads.get(i + 1).vaddr());
            for (long page = holeStart; page < holeEnd; page += GuestPages.SIZE) {
                assertEquals(null, space.regionAt(page), "hole page 0x" + Long.toHexString(page));
                holes++;
            }
        }
        assertTrue(holes > 0, "precondition: the program has holes between its segments");
    }

    @Test
    void noHostFdIsLeftOpen() throws Exception {
        Path program = TestPrograms.compile("static", TestPrograms.TINY_PROGRAM, "-static");
        load(newSpace(), "/bin/true", "true"); // warm up: JNA and the JDK open their own files once
        int before = host.openFdCount();
        for (int i = 0; i < 5; i++) {
            try (IdentityAddressSpace space = new IdentityAddressSpace(host)) {
                load(space, program, "static"); // at fixed addresses: one space at a time
            }
            load(newSpace(), "/bin/true", "true");
            failure("/");
            failure(TestPrograms.DIR.resolve("static.c"));
        }
        assertEquals(before, host.openFdCount());
    }

    /** Every file-backed segment holds the file's bytes; the reading goes through GuestMemory. */
    private static void assertLoadedLikeFile(GuestMemory memory, ElfFacts elf, long bias) {
        for (ElfFacts.Segment s : elf.loads()) {
            int length = (int) Math.min(s.fileSize(), 1 << 16);
            byte[] loaded = new byte[length];
            memory.read(bias + s.vaddr(), loaded, 0, length);
            byte[] expected = Arrays.copyOfRange(elf.bytes(), (int) s.offset(), (int) s.offset() + length);
            assertArrayEquals(expected, loaded, "segment at vaddr 0x" + Long.toHexString(s.vaddr()));
        }
    }

    private static void assertProgramHeadersAt(GuestMemory memory, ElfFacts elf, long address) {
        byte[] table = new byte[elf.phnum() * ProgramHeader.SIZE];
        memory.read(address, table, 0, table.length);
        assertArrayEquals(Arrays.copyOfRange(elf.bytes(), (int) elf.phoff(),
            (int) elf.phoff() + table.length), table);
    }

    static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
