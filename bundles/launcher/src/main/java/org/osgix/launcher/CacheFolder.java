package org.osgix.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

/**
 * The framework's throw-away cache: a private folder made for one run and deleted when the JVM
 * ends. It goes to /dev/shm when that is a tmpfs that allows executing (the cache holds JNA's
 * native library): installing the bundles writes a few files per bundle, ~40 ms less there than
 * on a disk. Folders that runs killed with SIGKILL left there are swept (memory, not disk).
 */
final class CacheFolder {
    private static final String PREFIX = "osgix-felix-";
    private static final Path SHM = Path.of("/dev/shm");
    private static final FileAttribute<?> PRIVATE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));

    private CacheFolder() {
    }

    /**
     * A new folder. Not Files.createTempDirectory: its SecureRandom costs ~10 ms of start-up; a
     * name from the pid and the clock, created only if it does not exist yet, is as safe against
     * collisions and planted links.
     */
    static Path create() throws IOException {
        boolean shm = isExecutableTmpfs(SHM) && Files.isWritable(SHM);
        Path parent = shm ? SHM : Path.of(System.getProperty("java.io.tmpdir"));
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve(PREFIX + pid + "-" + Long.toHexString(System.nanoTime()));
            try {
                Files.createDirectory(dir, PRIVATE);
                if (shm) {
                    sweepDeadRuns(parent, Files.getOwner(dir));
                }
                return dir;
            } catch (FileAlreadyExistsException taken) {
                if (attempt > 100) {
                    throw taken;
                }
            }
        }
    }

    /** Deletes a folder tree; what cannot be deleted stays (a temp folder is not worth an error). */
    static void delete(File file) {
        File[] children = file.isDirectory() && !Files.isSymbolicLink(file.toPath()) ? file.listFiles() : null;
        if (children != null) {
            for (File child : children) {
                delete(child);
            }
        }
        file.delete();
    }

    /** Whether the folder is a tmpfs mount point without noexec (the last mount there counts). */
    static boolean isExecutableTmpfs(Path mountPoint) {
        boolean result = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] f = line.split(" ");
                if (f.length >= 4 && f[1].equals(mountPoint.toString())) {
                    result = f[2].equals("tmpfs") && !List.of(f[3].split(",")).contains("noexec");
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return false;
        }
        return result;
    }

    /** Folders of this user's runs whose process is gone (the pid is in the name). */
    private static void sweepDeadRuns(Path parent, UserPrincipal us) {
        String[] names = parent.toFile().list((dir, name) -> name.startsWith(PREFIX));
        if (names == null) {
            return;
        }
        for (String name : names) {
            int dash = name.indexOf('-', PREFIX.length());
            try {
                long pid = Long.parseLong(name.substring(PREFIX.length(), dash < 0 ? name.length() : dash));
                Path dir = parent.resolve(name);
                if (ProcessHandle.of(pid).isEmpty() && us.equals(Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS))) {
                    delete(dir.toFile());
                }
            } catch (NumberFormatException | IndexOutOfBoundsException | IOException notOurs) {
                // some other program's folder that happens to share the prefix, or gone meanwhile
            }
        }
    }
}
