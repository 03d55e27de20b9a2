package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.fd.OpenFile.O_NONBLOCK;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;

/** Reads and writes on streams wait interruptibly, and not at all with O_NONBLOCK. */
class BlockingTest extends IoTestSupport {

    /** Runs a guest call on its own Java thread; the future completes with its result. */
    CompletableFuture<Long> inThread(String name, long... args) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        new Thread(() -> result.complete(guest.call(name, args)), "guest-" + name).start();
        return result;
    }

    @Test
    void aBlockingPipeReadIsInterruptedWithEintr() throws Exception {
        int[] pipe = pipe(0);
        long buf = guest.alloc(8);
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> result.complete(guest.call("read", pipe[0], buf, 8)), "guest-read");
        reader.start();
        Thread.sleep(100);
        assertTrue(!result.isDone(), "the read waits for data");
        reader.interrupt();
        assertEquals(-Errno.EINTR, result.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aBlockingPipeReadGetsDataWrittenLater() throws Exception {
        int[] pipe = pipe(0);
        long buf = guest.alloc(8);
        CompletableFuture<Long> result = inThread("read", pipe[0], buf, 8);
        Thread.sleep(50);
        assertEquals(3, guest.call("write", pipe[1], bytes("abc"), 3));
        assertEquals(3, result.get(5, TimeUnit.SECONDS));
        assertEquals("abc", text(buf, 3));
    }

    @Test
    void nonBlockingReadsAnswerEagain() {
        int[] pipe = pipe(O_NONBLOCK);
        long buf = guest.alloc(8);
        assertEquals(-Errno.EAGAIN, guest.call("read", pipe[0], buf, 8));
        long iov = guest.alloc(16);
        guest.memory.writeLong(iov, buf);
        guest.memory.writeLong(iov + 8, 8);
        assertEquals(-Errno.EAGAIN, guest.call("readv", pipe[0], iov, 1));
        assertEquals(0, guest.call("read", pipe[0], buf, 0), "zero bytes never wait");
    }

    @Test
    void readsSeeTheEndOfAPipeWhoseWriterClosed() {
        int[] pipe = pipe(0);
        guest.call("write", pipe[1], bytes("x"), 1);
        guest.fds.close(pipe[1]);
        long buf = guest.alloc(8);
        assertEquals(1, guest.call("read", pipe[0], buf, 8));
        assertEquals(0, guest.call("read", pipe[0], buf, 8), "end of file, not a hang");
    }
}
