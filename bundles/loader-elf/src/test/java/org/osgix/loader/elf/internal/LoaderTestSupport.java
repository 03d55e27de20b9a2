package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;
import org.osgix.exec.LoadedImage;
import org.osgix.host.Host;

/** A loader on the test host and fresh identity address spaces, unmapped after each test. */
abstract class LoaderTestSupport {
    static final List<String> ENV = List.of("HOME=/root", "LANG=C.UTF-8", "PATH=/usr/bin:/bin");

    final Host host = TestHosts.host();
    final ElfProgramLoader loader = new ElfProgramLoader(host);
    private final List<IdentityAddressSpace> spaces = new ArrayList<>();

    IdentityAddressSpace newSpace() {
        IdentityAddressSpace space = new IdentityAddressSpace(host);
        spaces.add(space);
        return space;
    }

    @AfterEach
    void unmapSpaces() {
        spaces.forEach(IdentityAddressSpace::close);
        spaces.clear();
    }

    LoadedImage load(IdentityAddressSpace space, Path path, String... argv) throws ExecException {
        return load(space, path.toString(), argv);
    }

    LoadedImage load(IdentityAddressSpace space, String path, String... argv) throws ExecException {
        return loader.load(new ExecRequest(path, path, List.of(argv), ENV), space);
    }

    /** Loads into a fresh space and returns the errno of the expected failure. */
    int failure(Path path) {
        return failure(path.toString());
    }

    int failure(String path) {
        return assertThrows(ExecException.class, () -> load(newSpace(), path, path)).errno();
    }
}
