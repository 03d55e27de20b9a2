package org.osgix.sys.files.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_WRONLY;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.fd.FileKind;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.test.support.Guest;
import org.osgix.test.support.TestMapping;

/** The synthesized /proc/self files and the guest's descriptor directory. */
class ProcTest extends FilesTestSupport {
    /** The whole content of a guest fd, read through the host fd it owns. */
    String content(int fd) {
        long buf = guest.alloc(8192);
        long n = guest.host.pread(guest.file(fd).hostFd(), buf, 8192, 0);
        return new String(guest.bytes(buf, (int) n), StandardCharsets.ISO_8859_1);
    }

    @Test
    void mapsHasLinuxsFormatCanonicalPathsAndTheMainStack() throws Exception {
        Path real = Files.writeString(dir.resolve("lib.so"), "x");
        Path alias = Files.createSymbolicLink(dir.resolve("alias.so"), real);
        guest.memory.setMappings(List.of(
            new TestMapping(0x400000, 0x401000, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC, false, 0x1000,
                alias.toString()),
            new TestMapping(0x7ff000000000L, 0x7ff000021000L, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, false,
                0, null),
            new TestMapping(0x7ff100000000L, 0x7ff100001000L, GuestMemory.PROT_READ, true, 0, null)));
        guest.thread.setRegister(CpuRegister.SP, 0x7ff000020000L);
        int fd = open("/proc/self/maps", O_RDONLY, 0);
        assertTrue(fd >= 0, "open: " + fd);
        String[] lines = content(fd).split("\n");
        assertEquals(3, lines.length);
        long inode = (Long) Files.getAttribute(real, "unix:ino");
        assertTrue(lines[0].startsWith("00400000-00401000 r-xp 00001000 "), lines[0]);
        assertTrue(lines[0].contains(" " + inode + " "), lines[0]);
        assertEquals(73, lines[0].indexOf('/'), "the path starts at column 73: " + lines[0]);
        assertTrue(lines[0].endsWith(" " + real.toRealPath()), "the canonical path: " + lines[0]);
        assertTrue(lines[1].endsWith(" [stack]"), lines[1]);
        assertEquals("7ff100000000-7ff100001000 r--s 00000000 00:00 0 ", lines[2], "anonymous: a trailing space");
        assertEquals(FileKind.REGULAR, guest.file(fd).kind());
        assertEquals("/proc/" + Guest.PID + "/maps", readlink("/proc/self/fd/" + fd));
    }

    String readlink(String path) {
        long buf = guest.alloc(4096);
        long n = guest.call("readlink", guest.string(path), buf, 4096);
        assertTrue(n >= 0, "readlink " + path + ": " + n);
        return new String(guest.bytes(buf, (int) n), StandardCharsets.ISO_8859_1);
    }

    @Test
    void statusCmdlineAndCommDescribeTheGuest() {
        String status = content(open("/proc/self/status", O_RDONLY, 0));
        assertTrue(status.startsWith("Name:\ttrue\n"), status);
        assertTrue(status.contains("\nPid:\t" + Guest.PID + "\n"), status);
        assertTrue(status.contains("\nPPid:\t1\n"), status);
        assertTrue(status.contains("\nThreads:\t1\n"), status);
        assertTrue(status.contains("\nUid:\t"), "identity lines come from the host");
        assertEquals(EXECUTABLE + "\0", content(open("/proc/" + Guest.PID + "/cmdline", O_RDONLY, 0)));
        assertEquals("true\n", content(open("/proc/self/comm", O_RDONLY, 0)));
        assertEquals(-Errno.ENOTDIR, open("/proc/self/status", O_RDONLY | O_DIRECTORY, 0));
    }

    @Test
    void aSynthesizedFileIsReadOnlyForTheGuest() {
        int fd = open("/proc/self/cmdline", O_RDONLY, 0);
        assertEquals(O_RDONLY, guest.file(fd).statusFlags() & 3);
        int forWriting = open("/proc/self/cmdline", O_WRONLY, 0);
        assertTrue(forWriting < 0 || !(guest.file(forWriting).attachment() instanceof ProcFiles.Synthesized),
            "a write open is the host's business");
    }

    /** getdents64 names of a guest directory fd, in order, with a buffer of {@code size}. */
    List<String> names(int fd, int size) {
        List<String> names = new ArrayList<>();
        long buf = guest.alloc(size);
        while (true) {
            long n = guest.call("getdents64", fd, buf, size);
            assertTrue(n >= 0, "getdents64: " + n);
            if (n == 0) {
                return names;
            }
            for (int pos = 0; pos < n; ) {
                int reclen = guest.memory.readByte(buf + pos + 16) & 0xff | (guest.memory.readByte(buf + pos + 17) & 0xff) << 8;
                names.add(guest.memory.readCString(buf + pos + 19, 256));
                pos += reclen;
            }
        }
    }

    @Test
    void theFdDirectoryListsTheGuestsDescriptorsAndRewinds() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        openOk(file, O_RDONLY);
        openOk(file, O_RDONLY);
        guest.fds.dup2(0, 17, false, false);
        int fd = open("/proc/self/fd/", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(2, fd);
        assertEquals(List.of(".", "..", "0", "1", "2", "17"), names(fd, 48), "listed in several small calls");
        // lseek (the io family) moves the host fd's offset, which is the listing's position
        assertEquals(0, guest.host.lseek(guest.file(fd).hostFd(), 0, 0));
        assertEquals(List.of(".", "..", "0", "1", "2", "17"), names(fd, 4096));
        guest.host.lseek(guest.file(fd).hostFd(), 0, 0);
        assertEquals(-Errno.EINVAL, guest.call("getdents64", fd, guest.alloc(8), 8), "too small for a record");
        assertEquals("/proc/" + Guest.PID + "/fd", readlink("/proc/self/fd/" + fd));
    }

    @Test
    void namesThatAreNotUtf8SurviveTheRoundTrip() throws Exception {
        byte[] raw = {'n', (byte) 0xe9, (byte) 0xff, 0};
        long path = guest.alloc(dir.toString().length() + 8);
        byte[] prefix = (dir + "/").getBytes(StandardCharsets.UTF_8);
        guest.memory.write(path, prefix, 0, prefix.length);
        guest.memory.write(path + prefix.length, raw, 0, raw.length);
        int fd = (int) guest.call("openat", AT_FDCWD, path, 0x40 | 1, 0600);
        assertTrue(fd >= 0, "create: " + fd);
        int dirFd = openOk(dir, O_RDONLY | O_DIRECTORY);
        long buf = guest.alloc(1024);
        long n = guest.call("getdents64", dirFd, buf, 1024);
        boolean found = false;
        for (int pos = 0; pos < n; ) {
            int reclen = guest.memory.readByte(buf + pos + 16) & 0xff;
            byte[] name = guest.bytes(buf + pos + 19, 3);
            found |= name[0] == 'n' && name[1] == (byte) 0xe9 && name[2] == (byte) 0xff;
            pos += reclen;
        }
        assertTrue(found, "the name's bytes are listed unchanged");
        assertEquals(0, guest.call("unlink", path), "and the same bytes name it again");
    }
}
