package org.osgix.sys.files.internal;

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
        Set<String> expected = Set.of("open", "openat", "openat2", "creat", "close", "close_range", "dup",
            "dup2", "dup3", "fcntl", "pipe", "pipe2", "memfd_create", "flock",
            "stat", "lstat", "fstat", "newfstatat", "statx", "access", "faccessat", "faccessat2",
            "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "lchown", "fchown", "fchownat",
            "utimensat", "utimes", "futimesat", "utime", "truncate", "ftruncate", "fallocate", "fadvise64",
            "statfs", "fstatfs", "sync", "syncfs", "fsync", "fdatasync",
            "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr",
            "setxattr", "lsetxattr", "fsetxattr", "removexattr", "lremovexattr", "fremovexattr",
            "readlink", "readlinkat", "symlink", "symlinkat", "link", "linkat", "mkdir", "mkdirat",
            "mknod", "mknodat", "unlink", "unlinkat", "rmdir", "rename", "renameat", "renameat2",
            "getdents64", "getdents", "getcwd", "chdir", "fchdir", "umask", "execve", "execveat");
        assertEquals(expected, guest.framework.services().keySet());
        guest.framework.services().forEach((name, properties) -> {
            String support = (String) properties.get(SyscallHandler.SUPPORT);
            assertTrue(Set.of("full", "partial").contains(support), name);
            if (support.equals("partial")) {
                assertNotNull(properties.get(SyscallHandler.NOTE), name + " needs a note");
            }
        });
        assertEquals("full", guest.framework.support("statx"));
        assertEquals("partial", guest.framework.support("openat"));
        assertEquals("full", guest.framework.support("newfstatat"));
    }

    @Test
    void closingTheRegistrationsUnregistersEverything() {
        guest.close();
        assertTrue(guest.framework.services().isEmpty());
        guest = newGuest(); // for the @AfterEach
    }
}
