package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_CREAT;
import static org.osgix.fd.OpenFile.O_NONBLOCK;
import static org.osgix.fd.OpenFile.O_RDONLY;
import static org.osgix.fd.OpenFile.O_RDWR;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/** Blocking stream writes, pipe fault rules, the *v2 calls, in-kernel copies and sparse seeks. */
class TransfersTest extends IoTestSupport {
    static final int PIPE_CAPACITY = 65536;
    static final int RWF_NOWAIT = 8;
    static final int SEEK_DATA = 3, SEEK_HOLE = 4;

    CompletableFuture<Long> inThread(Thread[] holder, String name, long... args) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        holder[0] = new Thread(() -> result.complete(guest.call(name, args)), "guest-" + name);
        holder[0].start();
        return result;
    }

    @Test
    void aBlockingWriteLargerThanThePipeWritesEverythingWhileAReaderDrains() throws Exception {
        int[] pipe = pipe(0);
        int size = 160 * 1024;
        long buf = guest.alloc(size);
        CompletableFuture<Long> written = inThread(new Thread[1], "write", pipe[1], buf, size);
        AtomicLong drained = new AtomicLong();
        long sink = guest.host.memory().allocate(8192);
        try {
            int readEnd = guest.file(pipe[0]).hostFd();
            while (drained.get() < size) {
                long n = guest.host.read(readEnd, sink, 8192);
                assertTrue(n > 0, "read: " + n);
                drained.addAndGet(n);
            }
        } finally {
            guest.host.memory().free(sink);
        }
        assertEquals(size, written.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptedBlockingWriteReturnsWhatItWrote() throws Exception {
        int[] pipe = pipe(0);
        int size = 3 * PIPE_CAPACITY;
        long buf = guest.alloc(size);
        Thread[] writer = new Thread[1];
        CompletableFuture<Long> written = inThread(writer, "write", pipe[1], buf, size);
        Thread.sleep(150);
        assertFalse(written.isDone(), "the writer waits for room");
        writer[0].interrupt();
        assertEquals(PIPE_CAPACITY, written.get(5, TimeUnit.SECONDS));
        long empty = guest.alloc(0);
        CompletableFuture<Long> nothing = inThread(writer, "write", pipe[1], buf, 10);
        Thread.sleep(50);
        writer[0].interrupt();
        assertEquals(-Errno.EINTR, nothing.get(5, TimeUnit.SECONDS), "no progress: EINTR");
        assertTrue(empty > 0);
    }

    @Test
    void pipeWritesKeepOnlyWholePagesCopiedBeforeAFault() {
        int[] pipe = pipe(O_NONBLOCK);
        long page = pageBeforeHole();
        long tail = page + GuestMemory.PAGE_SIZE - 10;
        assertEquals(-Errno.EFAULT, guest.call("write", pipe[1], tail, 100));
        long buf = guest.alloc(64);
        assertEquals(-Errno.EAGAIN, guest.call("read", pipe[0], buf, 64), "nothing was written");
        assertEquals(GuestMemory.PAGE_SIZE, guest.call("write", pipe[1], page, GuestMemory.PAGE_SIZE + 100),
            "the first page went in whole");
    }

    @Test
    void aPipeReadThatWouldFaultKeepsTheData() {
        int[] pipe = pipe(O_NONBLOCK);
        guest.call("write", pipe[1], bytes("0123456789"), 10);
        long page = pageBeforeHole();
        assertEquals(-Errno.EFAULT, guest.call("read", pipe[0], page + GuestMemory.PAGE_SIZE - 5, 100));
        long buf = guest.alloc(16);
        assertEquals(10, guest.call("read", pipe[0], buf, 16));
        assertEquals("0123456789", text(buf, 10));
        guest.call("write", pipe[1], bytes("abc"), 3);
        assertEquals(3, guest.call("read", pipe[0], page + GuestMemory.PAGE_SIZE - 5, 100),
            "everything in the pipe fits before the hole");
    }

    long iovec(long base, long len) {
        long iov = guest.alloc(16);
        guest.memory.writeLong(iov, base);
        guest.memory.writeLong(iov + 8, len);
        return iov;
    }

    @Test
    void positionedVectorsAndTheirFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");
        int fd = open(file, O_RDWR, FileKind.REGULAR);
        long buf = guest.alloc(16);
        assertEquals(4, guest.call("preadv", fd, iovec(buf, 4), 1, 3, 0));
        assertEquals("3456", text(buf, 4));
        assertEquals(0, guest.call("lseek", fd, 0, SEEK_CUR), "preadv leaves the offset");
        assertEquals(2, guest.call("preadv2", fd, iovec(buf, 2), 1, -1, 0, 0));
        assertEquals(2, guest.call("lseek", fd, 0, SEEK_CUR), "offset -1 reads at the file offset");
        assertEquals(2, guest.call("pwritev2", fd, iovec(bytes("AB"), 2), 1, 8, 0, 0));
        assertEquals("01234567AB", Files.readString(file));
        assertEquals(-Errno.EINVAL, guest.call("preadv", fd, iovec(buf, 2), 1, -5, 0));
        assertEquals(-Errno.EOPNOTSUPP, guest.call("preadv2", fd, iovec(buf, 2), 1, 0, 0, 0x10000));
        int[] pipe = pipe(0);
        assertEquals(-Errno.EAGAIN, guest.call("preadv2", pipe[0], iovec(buf, 4), 1, -1, 0, RWF_NOWAIT),
            "RWF_NOWAIT on an empty blocking pipe does not wait");
        assertEquals(-Errno.ESPIPE, guest.call("preadv", pipe[0], iovec(buf, 4), 1, 0, 0));
    }

    @Test
    void sendfileAndCopyFileRangeMoveDataBetweenFilesAndUpdateTheGuestOffsets() throws Exception {
        Path from = Files.writeString(dir.resolve("from"), "hello, world");
        int in = open(from, O_RDONLY, FileKind.REGULAR);
        int out = open(dir.resolve("to"), O_CREAT | O_RDWR, FileKind.REGULAR);
        long offset = guest.alloc(8);
        guest.memory.writeLong(offset, 7);
        assertEquals(5, guest.call("sendfile", out, in, offset, 100));
        assertEquals(12, guest.memory.readLong(offset));
        assertEquals(0, guest.call("lseek", in, 0, SEEK_CUR));
        assertEquals(5, guest.call("sendfile", out, in, 0, 5));
        assertEquals(5, guest.call("lseek", in, 0, SEEK_CUR), "without a pointer the file offset moves");
        assertEquals("worldhello", Files.readString(dir.resolve("to")));
        long inOff = guest.alloc(8);
        guest.memory.writeLong(inOff, 5);
        assertEquals(7, guest.call("copy_file_range", in, inOff, out, 0, 100, 0));
        assertEquals(12, guest.memory.readLong(inOff));
        assertEquals("worldhello, world", Files.readString(dir.resolve("to")));
        assertEquals(-Errno.EINVAL, guest.call("copy_file_range", in, 0, out, 0, 1, 1));
        assertEquals(-Errno.EFAULT, guest.call("sendfile", out, in, unmapped(), 1));
        assertEquals(-Errno.EBADF, guest.call("sendfile", in, out, 0, 1), "in must be readable, out writable");
    }

    @Test
    void spliceAndTeeThroughPipes() throws Exception {
        Path from = Files.writeString(dir.resolve("from"), "abcdef");
        int in = open(from, O_RDONLY, FileKind.REGULAR);
        int[] a = pipe(0);
        int[] b = pipe(O_NONBLOCK);
        assertEquals(6, guest.call("splice", in, 0, a[1], 0, 100, 0));
        assertEquals(6, guest.call("tee", a[0], b[1], 100, 0));
        long buf = guest.alloc(8);
        assertEquals(6, guest.call("read", b[0], buf, 8));
        assertEquals(6, guest.call("read", a[0], buf, 8), "tee leaves the data in the source");
        Thread[] t = new Thread[1];
        CompletableFuture<Long> waiting = inThread(t, "splice", a[0], 0, b[1], 0, 10, 0);
        Thread.sleep(100);
        assertFalse(waiting.isDone(), "splice from an empty blocking pipe waits");
        guest.call("write", a[1], bytes("xy"), 2);
        assertEquals(2, waiting.get(5, TimeUnit.SECONDS));
        CompletableFuture<Long> interrupted = inThread(t, "splice", a[0], 0, b[1], 0, 10, 0);
        Thread.sleep(50);
        t[0].interrupt();
        assertEquals(-Errno.EINTR, interrupted.get(5, TimeUnit.SECONDS));
    }

    @Test
    void seekDataAndHoleFindTheWrittenParts() throws Exception {
        int fd = open(dir.resolve("sparse"), O_CREAT | O_RDWR, FileKind.REGULAR);
        long mib = 1 << 20;
        assertEquals(1, guest.call("pwrite64", fd, bytes("x"), 1, mib));
        long hole = guest.call("lseek", fd, 0, SEEK_HOLE);
        long data = guest.call("lseek", fd, 0, SEEK_DATA);
        // a file system without hole tracking reports one data extent from 0 to the end
        assertTrue(hole == 0 && data > 0 && data <= mib || hole == mib + 1 && data == 0, hole + " " + data);
        assertEquals(-Errno.ENXIO, guest.call("lseek", fd, mib + 1, SEEK_DATA));
        assertEquals(-Errno.EINVAL, guest.call("lseek", fd, 0, 5));
    }
}
