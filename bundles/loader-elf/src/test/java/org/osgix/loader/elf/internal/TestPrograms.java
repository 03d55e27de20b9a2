package org.osgix.loader.elf.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds the test's guest programs and files under target/loader-test. */
final class TestPrograms {
    static final Path DIR = Paths.get("target", "loader-test").toAbsolutePath();

    /** A static program whose data segment ends mid-page and whose .bss is large. */
    static final String BSS_PROGRAM = """
        char data[5000] = { 1, 2, 3 };
        char big_bss[3 << 20];
        int main(void) { return data[0] + big_bss[100]; }
        """;

    static final String TINY_PROGRAM = "int main(void) { return 0; }\n";

    private TestPrograms() {
    }

    /** Compiles {@code source} with gcc and {@code flags} (once per name). */
    static synchronized Path compile(String name, String source, String... flags)
        throws IOException, InterruptedException {
        Files.createDirectories(DIR);
        Path binary = DIR.resolve(name);
        if (Files.exists(binary)) {
            return binary;
        }
        Path c = DIR.resolve(name + ".c");
        Files.writeString(c, source);
        List<String> command = new ArrayList<>(List.of("gcc", "-O1", "-o", binary.toString()));
        command.addAll(List.of(flags));
        command.add(c.toString());
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IOException("gcc failed: " + command + "\n" + output);
        }
        return binary;
    }

    /** Writes a file with the given bytes and permissions (e.g. "rwxr-xr-x"). */
    static Path file(String name, byte[] content, String permissions) throws IOException {
        Files.createDirectories(DIR);
        Path path = DIR.resolve(name);
        Files.write(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return path;
    }

    static Path executable(String name, byte[] content) throws IOException {
        return file(name, content, "rwxr-xr-x");
    }

    static Path script(String name, String text) throws IOException {
        return executable(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
