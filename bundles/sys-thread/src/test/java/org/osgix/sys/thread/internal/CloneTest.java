package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.sys.thread.internal.CloneFlags.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.FakeProcess.FakeThread;

class CloneTest {
    private static final int PID = 100;
    private static final long SIGCHLD = 17;
    private static final long PARENT_TID = BufferMemory.at(0);
    private static final long CHILD_TID = BufferMemory.at(8);
    private static final long ARGS = BufferMemory.at(1024);
    private static final long STACK = 0x7f00_0000_0000L;
    private static final long TLS = 0x7f00_1234_0000L;

    private final BufferMemory memory = new BufferMemory(4);
    private final FakeProcess process = new FakeProcess(PID, memory);
    private final Clone clone = new Clone();
    /** The clear-child-tid word of each started thread when start() ran (stores must happen before the child runs). */
    private final Map<FakeThread, Long> clearChildTidAtStart = new ConcurrentHashMap<>();

    {
        process.setStartHook(t -> clearChildTidAtStart.put(t, ThreadState.of(t).clearChildTid()));
    }

    private long clone(long flags, long stack, long parentTid, long childTid, long tls) {
        return new FakeCall("clone", process.mainThread()).invoke(clone::clone, flags, stack, parentTid, childTid, tls);
    }

    private long clone3(long size) {
        return new FakeCall("clone3", process.mainThread()).invoke(clone::clone3, ARGS, size);
    }

    /** struct clone_args field {@code index} (u64). */
    private void arg(int index, long value) {
        memory.writeLong(ARGS + 8L * index, value);
    }

    private FakeThread onlyChild() {
        assertEquals(1, process.createdThreads().size());
        return process.createdThreads().get(0);
    }

    @Test
    void pthreadCreateFlagsMakeAStartedThread() {
        long tid = clone(PTHREAD | CLONE_CHILD_SETTID, STACK, PARENT_TID, CHILD_TID, TLS);
        FakeThread child = onlyChild();
        assertEquals(child.tid(), tid);
        assertSame(process.mainThread(), child.cloned().parent());
        assertEquals(STACK, child.cloned().stack());
        assertTrue(child.cloned().setTls());
        assertEquals(TLS, child.cloned().tls());
        assertEquals(child.tid(), memory.readInt(PARENT_TID));
        assertEquals(child.tid(), memory.readInt(CHILD_TID));
        assertEquals(CHILD_TID, clearChildTidAtStart.get(child), "clear-child-tid set before the start");
        assertTrue(child.started());
    }

    @Test
    void withoutSettlsTheTlsIsLeftAlone() {
        clone(PTHREAD & ~CLONE_SETTLS, 0, PARENT_TID, CHILD_TID, TLS);
        FakeThread child = onlyChild();
        assertFalse(child.cloned().setTls());
        assertEquals(0, child.cloned().stack(), "0 keeps the parent's stack pointer");
    }

    @Test
    void tidsAreStoredOnlyWhenAsked() {
        memory.writeInt(PARENT_TID, -1);
        memory.writeInt(CHILD_TID, -1);
        clone(PTHREAD & ~(CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID), STACK, PARENT_TID, CHILD_TID, TLS);
        assertEquals(-1, memory.readInt(PARENT_TID));
        assertEquals(-1, memory.readInt(CHILD_TID));
        assertEquals(0, ThreadState.of(onlyChild()).clearChildTid());
    }

    @Test
    void badTidPointersAreIgnoredAsOnLinux() {
        long unmapped = BufferMemory.BASE - 64;
        long tid = clone(PTHREAD | CLONE_CHILD_SETTID, STACK, unmapped, unmapped, TLS);
        assertEquals(onlyChild().tid(), tid);
        assertTrue(onlyChild().started());
    }

    @Test
    void theExitSignalByteIsIgnoredForThreads() {
        assertTrue(clone(PTHREAD | SIGCHLD, STACK, PARENT_TID, CHILD_TID, TLS) > 0);
    }

    @Test
    void inconsistentFlagsAreEinvalAndCreateNothing() {
        assertEquals(-Errno.EINVAL, clone(CLONE_VM | CLONE_THREAD, STACK, 0, 0, 0));
        assertEquals(-Errno.EINVAL, clone(CLONE_SIGHAND, STACK, 0, 0, 0));
        assertEquals(-Errno.EINVAL, clone(CLONE_SIGHAND | CLONE_THREAD, STACK, 0, 0, 0));
        assertEquals(-Errno.EINVAL, clone(CLONE_NEWNS | CLONE_FS, 0, 0, 0, 0));
        assertEquals(-Errno.EINVAL, clone(PTHREAD | CLONE_NEWUSER, STACK, 0, 0, 0));
        assertEquals(-Errno.EINVAL, clone(PTHREAD | CLONE_PIDFD, STACK, PARENT_TID, 0, 0));
        assertTrue(process.createdThreads().isEmpty());
    }

    @Test
    void processesVforkAndPidfdsAreNotSupportedYet() {
        assertEquals(-Errno.ENOSYS, clone(SIGCHLD, 0, 0, 0, 0), "fork: a process without children says ENOSYS");
        assertEquals(-Errno.ENOSYS, clone(CLONE_VM | CLONE_VFORK | SIGCHLD, STACK, 0, 0, 0), "posix_spawn, likewise");
        assertEquals(-Errno.ENOSYS, clone(PTHREAD & ~CLONE_FILES, STACK, 0, 0, 0), "own fd table");
        assertEquals(-Errno.ENOSYS, clone(PTHREAD & ~CLONE_PARENT_SETTID | CLONE_PIDFD, STACK, PARENT_TID, 0, 0));
        assertTrue(process.createdThreads().isEmpty());
    }

    @Test
    void namespacesNeedPrivileges() {
        assertEquals(-Errno.EPERM, clone(PTHREAD | CLONE_NEWUTS, STACK, 0, 0, 0));
    }

    @Test
    void clone3SizeRules() {
        assertEquals(-Errno.EINVAL, clone3(0));
        assertEquals(-Errno.EINVAL, clone3(CloneArgs.SIZE_VER0 - 8));
        assertEquals(-Errno.E2BIG, clone3(4097));
        arg(12, 1); // beyond the 88 bytes Linux knows
        assertEquals(-Errno.E2BIG, clone3(128));
        arg(12, 0);
        arg(0, PTHREAD);
        assertTrue(clone3(128) > 0, "zero trailing bytes are fine");
        assertEquals(-Errno.EFAULT, new FakeCall("clone3", process.mainThread()).invoke(clone::clone3, BufferMemory.BASE - 64, 64));
    }

    @Test
    void clone3StartsTheStackAtItsTop() {
        arg(0, PTHREAD | CLONE_CHILD_SETTID);
        arg(2, CHILD_TID);
        arg(3, PARENT_TID);
        arg(5, STACK);
        arg(6, 0x10000);
        arg(7, TLS);
        long tid = clone3(CloneArgs.SIZE_VER0);
        FakeThread child = onlyChild();
        assertEquals(child.tid(), tid);
        assertEquals(STACK + 0x10000, child.cloned().stack());
        assertEquals(TLS, child.cloned().tls());
        assertEquals(child.tid(), memory.readInt(PARENT_TID));
        assertEquals(child.tid(), memory.readInt(CHILD_TID));
        assertEquals(CHILD_TID, ThreadState.of(child).clearChildTid());
        assertTrue(child.started());
    }

    @Test
    void clone3FieldChecks() {
        arg(0, PTHREAD);
        arg(4, SIGCHLD);
        assertEquals(-Errno.EINVAL, clone3(64), "exit signal with CLONE_THREAD");
        arg(4, 65);
        assertEquals(-Errno.EINVAL, clone3(64), "not a signal");
        arg(4, 0);
        arg(5, STACK);
        assertEquals(-Errno.EINVAL, clone3(64), "stack without size");
        arg(5, 0);
        arg(6, 4096);
        assertEquals(-Errno.EINVAL, clone3(64), "size without stack");
        arg(6, 0);
        arg(0, PTHREAD | 0x11);
        assertEquals(-Errno.EINVAL, clone3(64), "CSIGNAL bits are not flags in clone3");
        arg(0, PTHREAD | CLONE_DETACHED);
        assertEquals(-Errno.EINVAL, clone3(64));
        arg(0, PTHREAD | 1L << 40);
        assertEquals(-Errno.EINVAL, clone3(64), "unknown flag");
        arg(0, PTHREAD | CLONE_CLEAR_SIGHAND);
        assertEquals(-Errno.EINVAL, clone3(64));
        arg(0, CLONE_VM | CLONE_THREAD);
        assertEquals(-Errno.EINVAL, clone3(64), "thread without sighand");
        arg(0, 0);
        assertEquals(-Errno.ENOSYS, clone3(64), "fork");
        assertTrue(process.createdThreads().isEmpty());
    }

    @Test
    void clone3SetTidRules() {
        arg(0, PTHREAD);
        arg(9, 1);
        assertTrue(clone3(64) > 0, "set_tid_size lies beyond a VER0 block");
        process.createdThreads().clear();
        assertEquals(-Errno.EINVAL, clone3(CloneArgs.SIZE_VER1), "size without array");
        arg(8, BufferMemory.at(512));
        assertEquals(-Errno.EPERM, clone3(CloneArgs.SIZE_VER1));
        arg(8, BufferMemory.BASE - 64);
        assertEquals(-Errno.EFAULT, clone3(CloneArgs.SIZE_VER1));
        arg(9, 33);
        assertEquals(-Errno.EINVAL, clone3(CloneArgs.SIZE_VER1), "deeper than MAX_PID_NS_LEVEL");
        assertTrue(process.createdThreads().isEmpty());
    }
}
