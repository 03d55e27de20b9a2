package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;
import org.osgix.exec.LoadedImage;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

class InitialStackLayoutTest extends LoaderTestSupport {

    /** argc of both parities and strings of odd lengths, so the alignment padding varies. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void stackHoldsArgvEnvpAndAuxvLikeLinux(int argc) throws Exception {
        Path program = TestPrograms.compile("static-pie", TestPrograms.TINY_PROGRAM, "-static-pie");
        ElfFacts elf = ElfFacts.read(program);
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            argv.add("arg" + "x".repeat(i * 3) + i);
        }
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program, argv.toArray(String[]::new));

        long sp = image.stackPointer();
        assertEquals(0, sp % 16, "the stack pointer is 16-byte aligned");
        AddressSpace.Mapping stackMapping = space.regionAt(sp);
        assertEquals("[stack]", stackMapping.name());
        assertEquals(InitialStack.SIZE, stackMapping.end() - stackMapping.start());
        assertEquals(GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, stackMapping.prot());

        InitialStackReader stack = InitialStackReader.read(space, sp);
        assertEquals(argc, stack.argc());
        assertEquals(argv, stack.argv());
        assertEquals(ENV, stack.envp());
        Map<Integer, Long> aux = stack.auxv();
        assertEquals(GuestPages.SIZE, aux.get(AuxVector.AT_PAGESZ));
        assertEquals((long) elf.phnum(), aux.get(AuxVector.AT_PHNUM));
        assertEquals(56L, aux.get(AuxVector.AT_PHENT));
        assertEquals(image.entry(), aux.get(AuxVector.AT_ENTRY));
        assertEquals(100L, aux.get(AuxVector.AT_CLKTCK));
        assertEquals(ElfProgramLoader.HWCAP, aux.get(AuxVector.AT_HWCAP));
        assertEquals(0L, aux.get(AuxVector.AT_SECURE));
        assertEquals(0L, aux.get(AuxVector.AT_FLAGS));
        assertEquals(Integer.toUnsignedLong(host.getuid()), aux.get(AuxVector.AT_UID));
        assertEquals(Integer.toUnsignedLong(host.getegid()), aux.get(AuxVector.AT_EGID));
        assertTrue(!aux.containsKey(33), "no AT_SYSINFO_EHDR: there is no vDSO");
        assertEquals(program.toString(), space.readCString(aux.get(AuxVector.AT_EXECFN), 4096));
        assertEquals("x86_64", space.readCString(aux.get(AuxVector.AT_PLATFORM), 16));

        long random = aux.get(AuxVector.AT_RANDOM);
        assertTrue(random > sp && random + 16 <= stackMapping.end(), "AT_RANDOM points into the stack");
        byte[] randomBytes = new byte[16];
        space.read(random, randomBytes, 0, 16);
        assertTrue(!ElfProgramLoaderTest.allZero(randomBytes));

        // strings above the tables, in order: argv, envp, then execfn and 8 zero bytes at the top
        long previousEnd = aux.get(AuxVector.AT_PLATFORM) + 7;
        List<Long> pointers = new ArrayList<>(stack.argvPointers());
        pointers.addAll(stack.envpPointers());
        List<String> strings = new ArrayList<>(argv);
        strings.addAll(ENV);
        assertTrue(pointers.get(0) >= previousEnd);
        for (int i = 1; i < pointers.size(); i++) {
            assertEquals(pointers.get(i - 1) + strings.get(i - 1).length() + 1, pointers.get(i));
        }
        long execfn = aux.get(AuxVector.AT_EXECFN);
        assertEquals(pointers.get(pointers.size() - 1) + ENV.get(ENV.size() - 1).length() + 1, execfn);
        assertEquals(stackMapping.end() - 8, execfn + program.toString().length() + 1);
        assertEquals(0, space.readLong(stackMapping.end() - 8));
    }

    @Test
    void randomBytesDifferBetweenLoads() throws Exception {
        Path program = TestPrograms.compile("static-pie", TestPrograms.TINY_PROGRAM, "-static-pie");
        byte[][] seen = new byte[2][16];
        for (byte[] bytes : seen) {
            IdentityAddressSpace space = newSpace();
            LoadedImage image = load(space, program, "p");
            long random = InitialStackReader.read(space, image.stackPointer()).auxv().get(AuxVector.AT_RANDOM);
            space.read(random, bytes, 0, 16);
        }
        assertNotEquals(java.util.Arrays.toString(seen[0]), java.util.Arrays.toString(seen[1]));
    }

    /** Linux 5.18+ passes an empty argv as argc 1 with argv[0] = "". */
    @Test
    void emptyArgvBecomesOneEmptyString() throws Exception {
        Path program = TestPrograms.compile("static-pie", TestPrograms.TINY_PROGRAM, "-static-pie");
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program);

        assertEquals(List.of(""), image.argv());
        assertEquals(1, InitialStackReader.read(space, image.stackPointer()).argc());
    }

    @Test
    void tooLongArgumentsAreE2BIG() throws Exception {
        Path program = TestPrograms.compile("static-pie", TestPrograms.TINY_PROGRAM, "-static-pie");
        String oneTooLong = "a".repeat(InitialStack.MAX_STRING);
        ExecException single = assertThrows(ExecException.class,
            () -> loader.load(new ExecRequest(program.toString(), program.toString(),
                List.of("p", oneTooLong), ENV), newSpace()));
        assertEquals(Errno.E2BIG, single.errno());

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("b".repeat(InitialStack.MAX_STRING - 1));
        }
        ExecException total = assertThrows(ExecException.class,
            () -> loader.load(new ExecRequest(program.toString(), program.toString(), List.of("p"), many),
                newSpace()));
        assertEquals(Errno.E2BIG, total.errno());

        LoadedImage fits = loader.load(new ExecRequest(program.toString(), program.toString(),
            List.of("p", "c".repeat(InitialStack.MAX_STRING - 1)), ENV), newSpace());
        assertTrue(fits.stackPointer() > 0);
    }

    @Test
    void executableStackFollowsPtGnuStack() throws Exception {
        Path program = TestPrograms.compile("execstack", TestPrograms.TINY_PROGRAM, "-static",
            "-Wl,-z,execstack");
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, program, "execstack");

        assertEquals(GuestMemory.PROT_READ | GuestMemory.PROT_WRITE | GuestMemory.PROT_EXEC,
            space.regionAt(image.stackPointer()).prot());
    }
}
