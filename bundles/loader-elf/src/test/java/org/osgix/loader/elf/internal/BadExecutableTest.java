package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgix.exec.ExecException;
import org.osgix.syscall.Errno;

/** Each errno here was measured with execve(2) natively on the same kind of file. */
class BadExecutableTest extends LoaderTestSupport {

    private static byte[] staticProgram() throws Exception {
        return Files.readAllBytes(TestPrograms.compile("static", TestPrograms.TINY_PROGRAM, "-static"));
    }

    /** Cut inside the header, the program header table, and the segments. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 20, 63, 64, 100, 200, 1000, 4096, 100_000})
    void truncatedElfIsENOEXEC(int length) throws Exception {
        byte[] whole = staticProgram();
        Path cut = TestPrograms.executable("cut" + length, Arrays.copyOf(whole, length));
        assertEquals(Errno.ENOEXEC, failure(cut));
    }

    @Test
    void textFileIsENOEXEC() throws Exception {
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.script("text", "echo hello\n")));
    }

    @Test
    void directoryIsEACCES() {
        assertEquals(Errno.EACCES, failure(TestPrograms.DIR.getParent()));
    }

    @Test
    void missingFileIsENOENT() {
        assertEquals(Errno.ENOENT, failure(TestPrograms.DIR.resolve("no-such-program")));
    }

    @Test
    void pathThroughAFileIsENOTDIR() throws Exception {
        Path file = TestPrograms.script("not-a-dir", "x\n");
        assertEquals(Errno.ENOTDIR, failure(file + "/child"));
    }

    @Test
    void nonExecutableFileIsEACCES() throws Exception {
        Path copy = TestPrograms.file("no-x-bit", staticProgram(), "rw-r--r--");
        assertEquals(Errno.EACCES, failure(copy));
    }

    @Test
    void aarch64ElfIsENOEXEC() throws Exception {
        byte[] bytes = staticProgram();
        bytes[18] = (byte) 183; // e_machine = EM_AARCH64
        bytes[19] = 0;
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.executable("aarch64", bytes)));
    }

    /** Measured with execve natively (Linux 6.18): only the magic of e_ident is checked. */
    @Test
    void identBytesPastTheMagicAreIgnoredAsByLinux() throws Exception {
        byte[] bytes = staticProgram();
        bytes[4] = 1; // ELFCLASS32, on a 64-bit layout
        bytes[5] = 0; // ELFDATANONE
        bytes[6] = 9; // EI_VERSION
        Path odd = TestPrograms.executable("ident-bytes", bytes);
        assertTrue(load(newSpace(), odd, odd.toString()).entry() != 0);
    }

    @Test
    void programHeaderTableOutsideTheFileIsENOEXEC() throws Exception {
        byte[] bytes = staticProgram();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(32, bytes.length - 100L);
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.executable("phoff-out", bytes)));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(32, Long.MIN_VALUE + 64);
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.executable("phoff-negative", bytes)));
    }

    @Test
    void wrongProgramHeaderSizeOrCountIsENOEXEC() throws Exception {
        byte[] bytes = staticProgram();
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(56, (short) 0);
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.executable("phnum-zero", bytes)));
        header.putShort(56, (short) 1).putShort(54, (short) 32);
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.executable("phentsize", bytes)));
    }

    @Test
    void relocatableObjectIsENOEXEC() throws Exception {
        byte[] bytes = staticProgram();
        bytes[16] = 1; // ET_REL
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.executable("et-rel", bytes)));
    }

    @Test
    void missingElfInterpreterIsENOENT() throws Exception {
        Path program = TestPrograms.compile("interp-missing", TestPrograms.TINY_PROGRAM,
            "-Wl,--dynamic-linker=/no/such/ld.so");
        assertEquals(Errno.ENOENT, failure(program));
    }

    /** An empty PT_INTERP string: natively EACCES (the empty name resolves to a directory). */
    @Test
    void emptyElfInterpreterIsEACCES() throws Exception {
        Path built = TestPrograms.compile("interp-missing", TestPrograms.TINY_PROGRAM,
            "-Wl,--dynamic-linker=/no/such/ld.so");
        ElfFacts elf = ElfFacts.read(built);
        byte[] bytes = elf.bytes().clone();
        ElfFacts.Segment interp = elf.segments().stream().filter(s -> s.type() == ProgramHeader.PT_INTERP)
            .findFirst().orElseThrow();
        bytes[(int) interp.offset()] = 0;
        assertEquals(Errno.EACCES, failure(TestPrograms.executable("interp-empty", bytes)));
    }

    @Test
    void elfInterpreterShorterThanAHeaderIsEIO() throws Exception {
        Path tiny = TestPrograms.executable("tiny-interp", "hello\n".getBytes());
        Path program = TestPrograms.compile("interp-tiny", TestPrograms.TINY_PROGRAM,
            "-Wl,--dynamic-linker=" + tiny);
        assertEquals(Errno.EIO, failure(program));
    }

    @Test
    void corruptElfInterpreterIsELIBBAD() throws Exception {
        Path cut = TestPrograms.executable("cut-interp", Arrays.copyOf(staticProgram(), 100));
        Path program = TestPrograms.compile("interp-cut", TestPrograms.TINY_PROGRAM,
            "-Wl,--dynamic-linker=" + cut);
        assertEquals(ExecErrors.ELIBBAD, failure(program));
    }

    @Test
    void nonExecutableElfInterpreterIsEACCES() throws Exception {
        Path data = TestPrograms.file("data-interp", staticProgram(), "rw-r--r--");
        Path program = TestPrograms.compile("interp-data", TestPrograms.TINY_PROGRAM,
            "-Wl,--dynamic-linker=" + data);
        assertEquals(Errno.EACCES, failure(program));
    }

    /**
     * Random damage to the header and program headers of real programs: the loader either loads
     * or throws ExecException, never anything else, and never leaks a host fd.
     */
    @Test
    void corruptedHeadersOnlyEverGiveExecException() throws Exception {
        Random random = new Random(20240611);
        byte[][] originals = {staticProgram(), Files.readAllBytes(Paths.get("/bin/true").toRealPath())};
        int before = host.openFdCount();
        int failures = 0, loads = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bytes = originals[round % 2].clone();
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int phnum = Short.toUnsignedInt(b.getShort(56));
            int damaged = 64 + phnum * ProgramHeader.SIZE;
            for (int hit = 0; hit < 1 + random.nextInt(3); hit++) {
                int at = random.nextInt(damaged) & ~7;
                b.putLong(at, switch (random.nextInt(4)) {
                    case 0 -> random.nextLong();
                    case 1 -> b.getLong(at) ^ (1L << random.nextInt(64));
                    case 2 -> -1L;
                    default -> 0L;
                });
            }
            Path file = TestPrograms.executable("fuzzed", bytes);
            try (IdentityAddressSpace space = new IdentityAddressSpace(host)) {
                load(space, file, "fuzzed");
                loads++;
            } catch (ExecException expected) {
                assertTrue(expected.errno() > 0);
                failures++;
            } catch (RuntimeException | Error wrong) {
                fail("round " + round + " threw " + wrong, wrong);
            }
        }
        assertTrue(failures > 50 && loads > 10, "failures " + failures + ", loads " + loads);
        assertEquals(before, host.openFdCount());
    }
}
