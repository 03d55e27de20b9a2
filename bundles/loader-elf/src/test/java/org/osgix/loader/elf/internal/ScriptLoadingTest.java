package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.exec.LoadedImage;
import org.osgix.syscall.Errno;

class ScriptLoadingTest extends LoaderTestSupport {

    @Test
    void scriptRunsItsInterpreterWithTheScriptPath() throws Exception {
        Path script = TestPrograms.script("plain.sh", "#!/bin/sh\necho hello\n");
        IdentityAddressSpace space = newSpace();

        LoadedImage image = load(space, script, "plain.sh", "a", "b");

        assertEquals("/bin/sh", image.executable());
        assertEquals(List.of("/bin/sh", script.toString(), "a", "b"), image.argv());
        InitialStackReader stack = InitialStackReader.read(space, image.stackPointer());
        assertEquals(image.argv(), stack.argv());
        assertEquals(script.toString(),
            space.readCString(stack.auxv().get(AuxVector.AT_EXECFN), 4096), "AT_EXECFN names the script");
        ElfFacts sh = ElfFacts.read(Paths.get("/bin/sh").toRealPath());
        long shBias = stack.auxv().get(AuxVector.AT_ENTRY) - sh.entry();
        assertEquals("/bin/sh", space.regionAt(shBias + sh.entry()).name());
    }

    @Test
    void scriptArgumentIsOneWordWithTrailingBlanksRemoved() throws Exception {
        Path script = TestPrograms.script("with-arg.sh", "#!  /bin/sh\t-e  -u \t\nexit 0\n");

        LoadedImage image = load(newSpace(), script, "with-arg.sh", "x");

        assertEquals(List.of("/bin/sh", "-e  -u", script.toString(), "x"), image.argv());
    }

    @Test
    void scriptCanNameAnotherScript() throws Exception {
        Path inner = TestPrograms.script("inner.sh", "#!/bin/sh -x\n");
        Path outer = TestPrograms.script("outer.sh", "#!" + inner + " opt\n");

        LoadedImage image = load(newSpace(), outer, "outer", "arg");

        assertEquals("/bin/sh", image.executable());
        assertEquals(List.of("/bin/sh", "-x", inner.toString(), "opt", outer.toString(), "arg"),
            image.argv());
    }

    /** Linux allows five levels of script interpreters; the sixth is ELOOP (measured natively). */
    @Test
    void scriptNestingIsLimitedLikeLinux() throws Exception {
        String previous = "/bin/true";
        for (int level = 1; level <= 6; level++) {
            previous = TestPrograms.script("chain" + level, "#!" + previous + "\n").toString();
        }

        LoadedImage five = load(newSpace(), TestPrograms.DIR.resolve("chain5"), "chain5");
        assertEquals("/bin/true", five.executable());
        assertEquals(6, five.argv().size());
        assertEquals(Errno.ELOOP, failure(TestPrograms.DIR.resolve("chain6")));
    }

    @Test
    void missingScriptInterpreterIsENOENT() throws Exception {
        assertEquals(Errno.ENOENT, failure(TestPrograms.script("missing-interp", "#!/no/such/shell\n")));
    }

    @Test
    void emptyShebangIsENOEXEC() throws Exception {
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.script("empty-shebang", "#!\n")));
        assertEquals(Errno.ENOEXEC, failure(TestPrograms.script("blank-shebang", "#!  \t \n")));
    }

    /** Natively, "#!" alone at the end of the file names "" and fails like a directory. */
    @Test
    void bareHashBangIsEACCES() throws Exception {
        assertEquals(Errno.EACCES, failure(TestPrograms.script("bare-hashbang", "#!")));
        assertEquals(Errno.EACCES, failure(TestPrograms.script("bare-hashbang-blank", "#! ")));
    }

    @Test
    void scriptInterpreterThatIsADirectoryOrNotExecutableIsEACCES() throws Exception {
        Path data = TestPrograms.file("plain-data", "data\n".getBytes(), "rw-r--r--");
        assertEquals(Errno.EACCES, failure(TestPrograms.script("dir-interp", "#!/tmp\n")));
        assertEquals(Errno.EACCES, failure(TestPrograms.script("data-interp", "#!" + data + "\n")));
    }
}
