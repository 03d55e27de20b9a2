package org.osgix.strace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.SparseMemory;

/** Whole lines, as strace 6.1 prints the same calls. */
class StraceInterceptorTest {
    private static final long PATH = 0x10000, BUF = 0x20000, STAT = 0x30000, UNMAPPED = 0xdead0000L;
    private static final int AT_FDCWD = -100, O_CLOEXEC = 02000000, O_CREAT = 0100, O_WRONLY = 1;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StraceInterceptor strace = new StraceInterceptor(SignatureTable.bundled(), new TraceOutput(err));
    private final SparseMemory memory = new SparseMemory();

    /** A call by a thread with tid 100 of a one-thread process launched with --strace. */
    private FakeCall call(String name, long... args) {
        FakeProcess process = new FakeProcess(99, memory); // its thread's tid is 100
        process.setOption("strace", "true");
        return new FakeCall(name, process.mainThread()).arguments(args);
    }

    private String trace(FakeCall call, long result) {
        strace.before(call);
        strace.after(call, result);
        return output();
    }

    private String output() {
        String s = err.toString(StandardCharsets.ISO_8859_1);
        err.reset();
        return s;
    }

    @Test
    void openatWithFlagsAndItsDescriptor() {
        memory.string(PATH, "/etc/hostname");
        assertEquals("openat(AT_FDCWD, \"/etc/hostname\", O_RDONLY|O_CLOEXEC) = 3\n",
                trace(call("openat", AT_FDCWD, PATH, O_CLOEXEC), 3));
    }

    @Test
    void failuresShowTheErrnoNameAndMessage() {
        memory.string(PATH, "/nonexistent");
        assertEquals("openat(AT_FDCWD, \"/nonexistent\", O_RDONLY) = -1 ENOENT (No such file or directory)\n",
                trace(call("openat", AT_FDCWD, PATH, 0), -2));
    }

    @Test
    void theModeIsShownOnlyWhenCreating() {
        memory.string(PATH, "x");
        assertEquals("openat(AT_FDCWD, \"x\", O_WRONLY|O_CREAT, 0640) = 4\n",
                trace(call("openat", AT_FDCWD, PATH, O_WRONLY | O_CREAT, 0640), 4));
    }

    @Test
    void shortLinesPadTheResultToColumnForty() {
        assertEquals("close(3)                                = 0\n", trace(call("close", 3), 0));
    }

    @Test
    void writeShowsItsDataBeforeTheCall() {
        memory.map(BUF, 64).put(BUF, "hello, world\n".getBytes(StandardCharsets.US_ASCII));
        FakeCall call = call("write", 1, BUF, 13);
        strace.before(call);
        memory.put(BUF, "changed after".getBytes(StandardCharsets.US_ASCII)); // the handler must not matter
        strace.after(call, 13);
        assertEquals("write(1, \"hello, world\\n\", 13)          = 13\n", output());
    }

    @Test
    void readShowsWhatTheCallFilledIn() {
        memory.map(BUF, 4096);
        FakeCall call = call("read", 3, BUF, 4096);
        strace.before(call);
        memory.put(BUF, "# Locale name alias data base.\n# Copyright".getBytes(StandardCharsets.US_ASCII));
        strace.after(call, 2996);
        assertEquals("read(3, \"# Locale name alias data base.\\n#\"..., 4096) = 2996\n", output());
    }

    @Test
    void aFailedReadShowsTheBufferAddress() {
        memory.map(BUF, 16);
        assertEquals("read(3, 0x20000, 16)                    = -1 EAGAIN (Resource temporarily unavailable)\n",
                trace(call("read", 3, BUF, 16), -11));
    }

    @Test
    void statStructuresAreAbbreviated() {
        memory.map(STAT, 144).string(PATH, "");
        memory.putInt(STAT + 24, 0100644).putLong(STAT + 48, 34839);
        assertEquals("newfstatat(3, \"\", {st_mode=S_IFREG|0644, st_size=34839, ...}, AT_EMPTY_PATH) = 0\n",
                trace(call("newfstatat", 3, PATH, STAT, 0x1000), 0));
    }

    @Test
    void mmapReturnsAnAddress() {
        assertEquals("mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7fea136ca000\n",
                trace(call("mmap", 0, 8192, 3, 0x22, -1, 0), 0x7fea136ca000L));
    }

    @Test
    void anUnreadablePathPrintsItsAddress() {
        assertEquals("openat(AT_FDCWD, 0xdead0000, O_RDONLY)  = -1 EFAULT (Bad address)\n",
                trace(call("openat", AT_FDCWD, UNMAPPED, 0), -14));
    }

    @Test
    void exitGroupNeverReturnsAndReportsTheStatus() {
        assertEquals("exit_group(3)                           = ?\n+++ exited with 3 +++\n",
                trace(call("exit_group", 3), 0));
    }

    @Test
    void threadsArePrefixedWhileThereAreSeveral() {
        FakeProcess process = new FakeProcess(4241, memory); // its thread's tid is 4242
        process.newThread(process.mainThread(), 0, false, 0); // a second thread
        FakeCall call = new FakeCall("gettid", process.mainThread());
        assertEquals("[pid 4242] gettid()                     = 4242\n", trace(call, 4242));
    }

    @Test
    void futexPrintsTheArgumentsItsOperationUses() {
        assertEquals("futex(0x7f00, FUTEX_WAKE_PRIVATE, 1)    = 0\n",
                trace(call("futex", 0x7f00, 1 | 128, 1), 0));
        assertEquals("futex(0x7f00, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY)"
                + " = -1 EAGAIN (Resource temporarily unavailable)\n",
                trace(call("futex", 0x7f00, 9 | 128 | 256, 0, 0, 0, 0xffffffffL), -11));
    }

    @Test
    void fcntlDecodesItsArgumentAndResultByCommand() {
        assertEquals("fcntl(3, F_GETFL)                       = 0x8401 (flags O_WRONLY|O_APPEND|O_LARGEFILE)\n",
                trace(call("fcntl", 3, 3), 0x8401));
        assertEquals("fcntl(3, F_SETFD, FD_CLOEXEC)           = 0\n", trace(call("fcntl", 3, 2, 1), 0));
    }

    @Test
    void unknownSyscallsShowRawArguments() {
        assertEquals("pkey_alloc(0, 0, 0x10, 0, 0, 0)         = -1 ENOSYS (Function not implemented)\n",
                trace(call("pkey_alloc", 0, 0, 16), -38));
    }

    @Test
    void writevShowsEachBuffer() {
        memory.map(BUF, 64).put(BUF, "abcd\n".getBytes(StandardCharsets.US_ASCII));
        memory.map(STAT, 32).putLong(STAT, BUF).putLong(STAT + 8, 2).putLong(STAT + 16, BUF + 2).putLong(STAT + 24, 3);
        assertEquals("writev(1, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\\n\", iov_len=3}], 2) = 5\n",
                trace(call("writev", 1, STAT, 2), 5));
    }

    @Test
    void attachesOnlyToProcessesLaunchedWithTheOption() {
        FakeCall call = call("getpid");
        assertTrue(strace.attach(call.process()));
        ((FakeProcess) call.process()).setOption("strace", null);
        assertFalse(strace.attach(call.process()));
    }
}
