package org.osgix.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.arch.SyscallTable;
import org.osgix.exec.ProgramLoader;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.Ranked;

/** An architecture runs once a table and a loader offer it; every table gets every handler. */
class ArchitecturesTest {
    private static SyscallTable table(String arch, List<String> names) {
        return new ListSyscallTable(arch, names);
    }

    private final Architectures archs = new Architectures("amd64");
    private final ProgramLoader loader = (request, space) -> null;

    @Test
    void anArchitectureNeedsATableAndALoader() {
        archs.addTable(table("aarch64", List.of("getpid")));
        assertNull(archs.get("aarch64"));
        archs.addLoader("aarch64", new Ranked<>(loader, 0, 1));
        assertSame(loader, archs.get("aarch64").loader());
        assertEquals(List.of("aarch64"), archs.names());
        assertNull(archs.get("x86_64"));
        archs.removeLoader(loader);
        assertNull(archs.get("aarch64"));
    }

    @Test
    void theHostsArchitectureIsPrimary() {
        archs.addTable(table("aarch64", List.of("getpid")));
        assertEquals("aarch64", archs.primary());
        archs.addTable(table("x86_64", List.of("read", "getpid")));
        assertEquals("x86_64", archs.primary());
        archs.removeTable(table("x86_64", List.of()));
        assertEquals("aarch64", archs.primary());
    }

    @Test
    void aTableThatComesLaterGetsTheHandlersAlreadyRegistered() {
        SyscallHandler getpid = call -> 7;
        archs.addTable(table("x86_64", List.of("read", "getpid")));
        archs.addHandler(new Ranked<>(new Dispatcher.Registration(getpid, "getpid", "b", "f", "full", null, true), 0, 1));
        archs.addTable(table("aarch64", List.of("getpid")));
        archs.addLoader("x86_64", new Ranked<>(loader, 0, 1));
        archs.addLoader("aarch64", new Ranked<>(loader, 0, 2));
        assertSame(getpid, archs.get("x86_64").dispatcher().entry(1).handler());
        assertSame(getpid, archs.get("aarch64").dispatcher().entry(0).handler());
        archs.removeHandler(getpid);
        assertNull(archs.get("aarch64").dispatcher().entry(0));
    }
}
