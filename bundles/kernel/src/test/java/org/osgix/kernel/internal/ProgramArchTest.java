package org.osgix.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program's architecture comes from its ELF header, through #! interpreters. */
class ProgramArchTest {
    @TempDir
    Path dir;

    private Path elf(String name, int machine, int length) throws IOException {
        byte[] head = new byte[length];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        if (length >= 20) {
            head[18] = (byte) machine;
            head[19] = (byte) (machine >> 8);
        }
        return Files.write(dir.resolve(name), head);
    }

    private Path text(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theElfMachineNamesTheArchitecture() throws IOException {
        assertEquals("x86_64", ProgramArch.of(elf("amd64", 62, 64).toString()));
        assertEquals("aarch64", ProgramArch.of(elf("arm64", 183, 64).toString()));
        assertEquals("ELF machine 4660", ProgramArch.of(elf("odd", 0x1234, 64).toString()));
    }

    @Test
    void aScriptHasItsInterpretersArchitecture() throws IOException {
        Path interpreter = elf("interp", 183, 64);
        Path script = text("script", "#! " + interpreter + " -x\necho\n");
        assertEquals("aarch64", ProgramArch.of(text("outer", "#!" + script + "\n").toString()));
    }

    @Test
    void whatIsNoElfProgramIsLeftToTheLoader() throws IOException {
        assertNull(ProgramArch.of(elf("short", 62, 12).toString()));
        assertNull(ProgramArch.of(text("plain", "hello\n").toString()));
        assertNull(ProgramArch.of(dir.resolve("missing").toString()));
        Path loop = dir.resolve("loop");
        text("loop", "#!" + loop + "\n");
        assertNull(ProgramArch.of(loop.toString()));
    }
}
