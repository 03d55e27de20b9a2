package org.osgix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The throw-away framework cache: private, deleted whole, and leftovers of dead runs swept from /dev/shm. */
class CacheFolderTest {
    @Test
    void aNewFolderIsPrivateAndDeletedWithItsContent() throws Exception {
        Path dir = CacheFolder.create();
        try {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Files.createDirectories(dir.resolve("bundle1/version0.0"));
            Files.writeString(dir.resolve("bundle1/bundle.info"), "x");
        } finally {
            CacheFolder.delete(dir.toFile());
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void aFolderLeftByADeadRunIsSweptAndALiveRunsIsKept() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(CacheFolder.isExecutableTmpfs(shm) && Files.isWritable(shm), "no usable /dev/shm here");
        long dead = ProcessHandle.current().pid();
        do {
            dead += 7919; // pids are bounded by pid_max (4194304 at most): find a free one above ours
        } while (ProcessHandle.of(dead % 4_194_304).isPresent());
        Path deadRun = Files.createDirectory(shm.resolve("osgix-felix-" + (dead % 4_194_304) + "-test"));
        Path liveRun = Files.createDirectory(shm.resolve("osgix-felix-" + ProcessHandle.current().pid() + "-test"));
        Files.writeString(deadRun.resolve("bundle.info"), "x");
        Path ours = CacheFolder.create();
        try {
            assertFalse(Files.exists(deadRun), "the dead run's folder is swept");
            assertTrue(Files.exists(liveRun), "a live run's folder stays");
        } finally {
            CacheFolder.delete(ours.toFile());
            CacheFolder.delete(liveRun.toFile());
            CacheFolder.delete(deadRun.toFile());
        }
    }
}
