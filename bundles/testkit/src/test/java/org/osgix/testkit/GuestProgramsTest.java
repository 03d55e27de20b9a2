package org.osgix.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestProgramsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void workInTempDir() {
        System.setProperty("osgix.testkit.dir", dir.resolve("work").toString());
    }

    @Test
    void compilesAStaticProgramThatRunsNativelyWithItsHeader() throws Exception {
        Files.writeString(dir.resolve("greeting.h"), "#define GREETING \"hi from a header\"\n");
        Path src = dir.resolve("greet.c");
        Files.writeString(src, "#include <stdio.h>\n#include \"greeting.h\"\n"
                + "int main(int c, char **v) { printf(\"%s %s\\n\", GREETING, v[1]); return 3; }\n");
        Path exe = GuestPrograms.compile(src);
        assertEquals(dir.resolve("work/guests/greet"), exe);
        GuestResult r = new GuestRunner(null).runNative(exe.toString(), "there");
        assertEquals(3, r.exitStatus());
        assertEquals("hi from a header there\n", r.stdout());
        String file = new String(Files.readAllBytes(exe), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("\u007fELF", file);
    }

    @Test
    void reusesAnExecutableNewerThanItsSourcesAndRebuildsAStaleOne() throws Exception {
        Path src = dir.resolve("ret.c");
        Files.writeString(src, "int main(void) { return 4; }\n");
        Path exe = GuestPrograms.compile(src);
        FileTime built = FileTime.fromMillis(System.currentTimeMillis() + 60_000);
        Files.setLastModifiedTime(exe, built);
        assertEquals(built, Files.getLastModifiedTime(GuestPrograms.compile(src)), "fresh output was rebuilt");

        Files.writeString(src, "int main(void) { return 5; }\n");
        Files.setLastModifiedTime(src, FileTime.fromMillis(built.toMillis() + 1000));
        GuestPrograms.compile(src);
        assertEquals(5, new GuestRunner(null).runNative(exe.toString()).exitStatus());
    }

    @Test
    void reportsTheCompilerMessageOfABrokenSource() throws Exception {
        Path src = dir.resolve("broken.c");
        Files.writeString(src, "int main(void) { return undeclared_thing; }\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GuestPrograms.compile(src));
        assertTrue(e.getMessage().contains("undeclared_thing"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("work/guests/broken")));
    }

    @Test
    void nativeRunsGetExactlyTheGivenEnvironmentAndStdin() throws Exception {
        Path input = dir.resolve("input");
        Files.writeString(input, "from stdin\n");
        GuestResult r = new GuestRunner(null).environment("ONLY=this").stdin(input)
                .runNative("/usr/bin/env", "-0");
        assertEquals("ONLY=this\0", r.stdout());
        GuestResult cat = new GuestRunner(null).stdin(input).runNative("/bin/cat");
        assertEquals("from stdin\n", cat.stdout());
    }

    @Test
    void locatesAnExecutableAsItIsAndRefusesAFileThatIsNone() throws Exception {
        assertEquals(Path.of("/bin/true"), GuestPrograms.locate(Path.of("/bin/true")));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a program");
        assertThrows(IllegalArgumentException.class, () -> GuestPrograms.locate(text));
        Path src = Files.writeString(dir.resolve("zero.c"), "int main(void) { return 0; }\n");
        assertEquals(dir.resolve("work/guests/zero"), GuestPrograms.locate(src));
    }
}
