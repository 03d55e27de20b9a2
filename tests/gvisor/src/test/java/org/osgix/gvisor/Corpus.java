package org.osgix.gvisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The prebuilt gVisor test programs: {@code binaries.tar.xz}, {@code core.txt} and
 * {@code next.txt} in a read-only folder beside the project ({@code ../shared/gvisor-tests}),
 * unpacked once into the module's target folder. The programs are not copied into the
 * repository: 234 MB of binaries would dwarf it, and the folder names their source and license.
 */
final class Corpus {
    private final Path source;
    private final Path unpacked;

    Corpus(Path source, Path unpacked) {
        this.source = source;
        this.unpacked = unpacked;
    }

    Path source() {
        return source;
    }

    /**
     * The programs of a list: core, next, all, none, or names separated by commas; {@code -name}
     * takes a program out of what the items before it named.
     */
    List<String> programs(String list) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            String name = item.trim();
            switch (name) {
                case "", "none" -> { }
                case "all" -> {
                    names.addAll(read("core.txt"));
                    names.addAll(read("next.txt"));
                }
                case "core", "next" -> names.addAll(read(name + ".txt"));
                default -> {
                    if (name.startsWith("-")) {
                        names.remove(name.substring(1));
                    } else {
                        names.add(name);
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    private List<String> read(String file) throws IOException {
        return Files.readAllLines(source.resolve(file)).stream().map(String::trim)
            .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    /** The unpacked program; unpacks the archive on first use (again when the archive is newer). */
    synchronized Path program(String name) throws IOException {
        Path archive = source.resolve("binaries.tar.xz");
        Path stamp = unpacked.resolve(".unpacked");
        if (!Files.exists(stamp) || Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(archive)) < 0) {
            Files.createDirectories(unpacked);
            Process tar = new ProcessBuilder("tar", "xJf", archive.toString(), "-C", unpacked.toString())
                .inheritIO().start();
            try {
                if (!tar.waitFor(10, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                    throw new IOException("cannot unpack " + archive + " (tar and xz-utils are needed)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            Files.writeString(stamp, archive + "\n");
        }
        Path program = unpacked.resolve(name);
        if (!Files.isExecutable(program)) {
            throw new IOException("no program " + name + " in " + archive);
        }
        return program;
    }
}
