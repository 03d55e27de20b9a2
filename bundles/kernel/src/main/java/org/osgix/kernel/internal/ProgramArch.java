package org.osgix.kernel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The architecture an executable is built for, from its ELF header's {@code e_machine} (what
 * Linux's binfmt_elf looks at), following {@code #!} interpreters as Linux does (at most
 * {@value #MAX_SCRIPT_DEPTH} levels). The names are the {@code osgix.arch} values of the arch
 * services.
 */
final class ProgramArch {
    static final int MAX_SCRIPT_DEPTH = 4;
    private static final int HEADER = 20, LINE = 256;
    /** ELF e_machine values (elf.h) → osgix.arch names. */
    private static final Map<Integer, String> MACHINES = Map.of(3, "i386", 40, "arm", 62, "x86_64",
            183, "aarch64", 243, "riscv64");

    private ProgramArch() {
    }

    /**
     * The program's architecture; null when it is no ELF file (nor a script of one) or cannot be
     * read, so the loader reports that as it always did.
     */
    static String of(String path) {
        String current = path;
        for (int depth = 0; depth <= MAX_SCRIPT_DEPTH && current != null; depth++) {
            byte[] head = head(current);
            if (head.length >= HEADER && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
                int machine = head[18] & 0xff | (head[19] & 0xff) << 8;
                return MACHINES.getOrDefault(machine, "ELF machine " + machine);
            }
            current = interpreter(head);
        }
        return null;
    }

    /** The interpreter of a {@code #!} line, or null. */
    private static String interpreter(byte[] head) {
        if (head.length < 2 || head[0] != '#' || head[1] != '!') {
            return null;
        }
        String line = new String(head, 2, head.length - 2, StandardCharsets.ISO_8859_1);
        int end = line.indexOf('\n');
        String[] words = (end < 0 ? line : line.substring(0, end)).trim().split("[ \t]+", 2);
        return words[0].isEmpty() ? null : words[0];
    }

    private static byte[] head(String path) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return in.readNBytes(LINE);
        } catch (IOException | RuntimeException unreadable) {
            return new byte[0];
        }
    }
}
