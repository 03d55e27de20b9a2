package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.osgix.fd.OpenFile.O_APPEND;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_DIRECTORY;
import static org.osgix.fd.OpenFile.O_PATH;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_RDWR;
import static org.osgix.fd.OpenFile.O_WRONLY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/** read, write, pread64, pwrite64, lseek on files. */
class ReadWriteTest extends IoTestSupport {

    @Test
    void writeThenReadBackThroughTheSameDescriptor() throws IOException {
        Path file = dir.resolve("f");
        int fd = open(file, O_CREAT | O_RDWR, FileKind.REGULAR);
        assertEquals(11, guest.call("write", fd, bytes("hello world"), 11));
        assertEquals(11, guest.call("lseek", fd, 0, SEEK_CUR));
        assertEquals(0, guest.call("lseek", fd, 0, SEEK_SET));
        long buf = guest.alloc(64);
        assertEquals(11, guest.call("read", fd, buf, 64));
        assertEquals("hello world", text(buf, 11));
        assertEquals(0, guest.call("read", fd, buf, 64), "end of file");
        assertEquals("hello world", Files.readString(file));
    }

    @Test
    void dupsShareTheOffset() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");
        int fd = open(file, O_RDONLY, FileKind.REGULAR);
        int copy = guest.fds.dup(fd, 0, false);
        assertEquals(6, guest.call("lseek", fd, 6, SEEK_SET));
        long buf = guest.alloc(16);
        assertEquals(4, guest.call("read", copy, buf, 16));
        assertEquals("6789", text(buf, 4));
        assertEquals(10, guest.call("lseek", fd, 0, SEEK_CUR));
    }

    @Test
    void positionalTransfersLeaveTheOffsetAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "abcdefgh");
        int fd = open(file, O_RDWR, FileKind.REGULAR);
        long buf = guest.alloc(8);
        assertEquals(3, guest.call("pread64", fd, buf, 3, 4));
        assertEquals("efg", text(buf, 3));
        assertEquals(2, guest.call("pwrite64", fd, bytes("XY"), 2, 1));
        assertEquals(0, guest.call("lseek", fd, 0, SEEK_CUR));
        assertEquals("aXYdefgh", Files.readString(file));
        assertEquals(-Errno.EINVAL, guest.call("pread64", fd, buf, 1, -1));
        int[] pipe = pipe(0);
        assertEquals(-Errno.ESPIPE, guest.call("pread64", pipe[0], buf, 1, 0));
    }

    @Test
    void appendModeWritesAtTheEnd() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "start");
        int fd = open(file, O_WRONLY | O_APPEND, FileKind.REGULAR);
        assertEquals(4, guest.call("write", fd, bytes("+end"), 4));
        assertEquals("start+end", Files.readString(file));
    }

    @Test
    void accessModeAndKindDecideWhatIsAllowed() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "data");
        long buf = guest.alloc(16);
        int readOnly = open(file, O_RDONLY, FileKind.REGULAR);
        assertEquals(-Errno.EBADF, guest.call("write", readOnly, buf, 1));
        assertEquals(-Errno.EBADF, guest.call("write", readOnly, 0, 0), "even for zero bytes");
        int writeOnly = open(file, O_WRONLY, FileKind.REGULAR);
        assertEquals(-Errno.EBADF, guest.call("read", writeOnly, buf, 1));
        int path = open(file, O_PATH, FileKind.PATH);
        assertEquals(-Errno.EBADF, guest.call("read", path, buf, 1));
        assertEquals(-Errno.EBADF, guest.call("write", path, buf, 1));
        assertEquals(-Errno.EBADF, guest.call("lseek", path, 0, SEEK_SET));
        int directory = open(dir, O_RDONLY | O_DIRECTORY, FileKind.DIRECTORY);
        assertEquals(-Errno.EISDIR, guest.call("read", directory, buf, 16));
        assertEquals(-Errno.EISDIR, guest.call("read", directory, 0, 0), "as natively, even for zero bytes");
        assertEquals(-Errno.EBADF, guest.call("write", directory, buf, 1), "directories are never writable");
        assertEquals(-Errno.EBADF, guest.call("read", 99, buf, 1));
        assertEquals(-Errno.EBADF, guest.call("lseek", 99, 0, SEEK_SET));
    }

    @Test
    void zeroLengthTransfersAcceptAnyUserPointer() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "data");
        int fd = open(file, O_RDWR, FileKind.REGULAR);
        assertEquals(0, guest.call("read", fd, 0, 0));
        assertEquals(0, guest.call("write", fd, 0x10, 0));
        assertEquals(-Errno.EFAULT, guest.call("read", fd, 0xffff888000000000L, 0), "kernel addresses fault");
        assertEquals(-Errno.EFAULT, guest.call("read", fd, guest.alloc(8), 0x8000000000000000L));
    }

    @Test
    void badBuffersFaultAndPartlyMappedOnesGiveShortTransfers() throws IOException {
        Path file = dir.resolve("big");
        Files.write(file, new byte[3 * 4096]);
        int fd = open(file, O_RDWR, FileKind.REGULAR);
        assertEquals(-Errno.EFAULT, guest.call("read", fd, unmapped(), 10));
        long page = pageBeforeHole();
        // Linux copies up to the first unmapped byte and returns the short count
        assertEquals(96, guest.call("read", fd, page + 4000, 4096));
        assertEquals(96, guest.call("lseek", fd, 0, SEEK_CUR));
        assertEquals(-Errno.EFAULT, guest.call("read", fd, page + 4096, 10));
        assertEquals(96, guest.call("write", fd, page + 4000, 200));
        long readOnly = guest.page();
        guest.memory.protect(readOnly, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ);
        assertEquals(-Errno.EFAULT, guest.call("read", fd, readOnly, 10), "reading into read-only memory");
        assertEquals(10, guest.call("write", fd, readOnly, 10), "writing from it is fine");
    }

    @Test
    void hugeCountsAreCappedAtMaxRwCount() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "small");
        int fd = open(file, O_RDONLY, FileKind.REGULAR);
        long buf = guest.page();
        assertEquals(5, guest.call("read", fd, buf, 0x7fffffffL));
        assertEquals("small", text(buf, 5));
    }

    @Test
    void seekWhenceAndPipes() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "12345");
        int fd = open(file, O_RDONLY, FileKind.REGULAR);
        assertEquals(5, guest.call("lseek", fd, 0, SEEK_END));
        assertEquals(-Errno.EINVAL, guest.call("lseek", fd, -10, SEEK_SET));
        assertEquals(-Errno.EINVAL, guest.call("lseek", fd, 0, 7));
        assertEquals(-Errno.ESPIPE, guest.call("lseek", pipe(0)[0], 0, SEEK_CUR));
    }
}
