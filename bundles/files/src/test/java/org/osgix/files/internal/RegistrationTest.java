package org.osgix.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.SyscallHandler;

/** What the family registers and how it unregisters. */
class RegistrationTest extends FilesTestSupport {

    @Test
    void everySyscallIsOneServiceWithItsSupportLevel() {
        Set<String> expected = Set.of("open", "openat", "creat", "close", "dup", "dup2", "dup3", "fcntl",
            "stat", "lstat", "fstat", "newfstatat", "statx", "access", "faccessat", "faccessat2",
            "readlink", "readlinkat", "getcwd", "chdir", "fchdir", "umask", "pipe", "pipe2");
        assertEquals(expected, guest.framework.services.keySet());
        guest.framework.services.forEach((name, service) -> {
            String support = service.support();
            assertTrue(Set.of("full", "partial").contains(support), name);
            if (support.equals("partial")) {
                assertNotNull(service.properties().get(SyscallHandler.NOTE), name + " needs a note");
            }
        });
        assertEquals("partial", guest.framework.services.get("statx").support());
        assertEquals("full", guest.framework.services.get("newfstatat").support());
    }

    @Test
    void closingTheRegistrationsUnregistersEverything() {
        guest.close();
        assertTrue(guest.framework.services.isEmpty());
        guest = new Guest(EXECUTABLE, FilesFamily::register); // for the @AfterEach
    }
}
