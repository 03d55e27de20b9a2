package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_RDWR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.syscall.Errno;

/** readv and writev. */
class VectoredTest extends IoTestSupport {

    /** A guest iovec array from (base, len) pairs. */
    long iovecs(long... baseLen) {
        long iov = guest.alloc(baseLen.length * 8L);
        for (int i = 0; i < baseLen.length; i++) {
            guest.memory.writeLong(iov + 8L * i, baseLen[i]);
        }
        return iov;
    }

    @Test
    void writevThenReadvRoundTrip() throws IOException {
        Path file = dir.resolve("v");
        int fd = open(file, O_CREAT | O_RDWR, FileKind.REGULAR);
        long iov = iovecs(bytes("one "), 4, 0x10, 0, bytes("two "), 4, bytes("three"), 5);
        assertEquals(13, guest.call("writev", fd, iov, 4));
        assertEquals("one two three", Files.readString(file));
        guest.call("lseek", fd, 0, SEEK_SET);
        long a = guest.alloc(3);
        long b = guest.alloc(20);
        assertEquals(13, guest.call("readv", fd, iovecs(a, 3, b, 20), 2));
        assertEquals("one", text(a, 3));
        assertEquals(" two three", text(b, 10));
    }

    @Test
    void manySegmentsUseAGrownScratchArray() throws IOException {
        Path file = dir.resolve("many");
        int fd = open(file, O_CREAT | O_RDWR, FileKind.REGULAR);
        long letter = bytes("abcdefghijklmnopqrstuvwxyz");
        long[] pairs = new long[2 * 1024];
        for (int i = 0; i < 1024; i++) {
            pairs[2 * i] = letter + i % 26;
            pairs[2 * i + 1] = 1;
        }
        assertEquals(1024, guest.call("writev", fd, iovecs(pairs), 1024));
        String written = Files.readString(file);
        assertEquals(1024, written.length());
        assertEquals("abcz", written.substring(0, 3) + written.charAt(25));
    }

    @Test
    void countsAndLengthsAreCheckedLikeLinux() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "content");
        int fd = open(file, O_RDONLY, FileKind.REGULAR);
        long buf = guest.alloc(16);
        long iov = iovecs(buf, 1, buf, -1);
        assertEquals(-Errno.EINVAL, guest.call("readv", fd, iov, 1025));
        assertEquals(-Errno.EINVAL, guest.call("readv", fd, iov, -1));
        assertEquals(0, guest.call("readv", fd, unmapped(), 0), "no iovecs: nothing is read");
        assertEquals(-Errno.EINVAL, guest.call("readv", fd, iov, 2), "a negative length");
        assertEquals(-Errno.EFAULT, guest.call("readv", fd, unmapped(), 1));
        assertEquals(-Errno.EFAULT, guest.call("readv", fd, iovecs(buf, 1, 0xffff888000000000L, 1), 2));
        assertEquals(-Errno.EBADF, guest.call("readv", 99, iov, 1));
        assertEquals(0, guest.call("lseek", fd, 0, SEEK_CUR), "nothing was read by the failed calls");
    }

    @Test
    void aTransferEndsAtTheFirstInaccessibleSegment() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");
        int fd = open(file, O_RDONLY, FileKind.REGULAR);
        long ok = guest.alloc(4);
        assertEquals(4, guest.call("readv", fd, iovecs(ok, 4, unmapped(), 4, ok, 4), 3));
        assertEquals("0123", text(ok, 4));
        assertEquals(-Errno.EFAULT, guest.call("readv", fd, iovecs(unmapped(), 4, ok, 4), 2));
        long page = pageBeforeHole();
        assertEquals(2, guest.call("readv", fd, iovecs(page + 4094, 100), 1), "2 bytes fit before the hole");
        assertEquals("45", text(page + 4094, 2));
    }

    @Test
    void emptyVectorsOnDirectoriesReadNothingButRealReadsFail() {
        int fd = open(dir, O_RDONLY | O_DIRECTORY, FileKind.DIRECTORY);
        long buf = guest.alloc(8);
        assertEquals(0, guest.call("readv", fd, iovecs(buf, 0), 1));
        assertEquals(-Errno.EISDIR, guest.call("readv", fd, iovecs(buf, 5), 1));
        assertEquals(-Errno.EBADF, guest.call("writev", fd, iovecs(buf, 0), 1));
    }
}
