package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.sys.thread.internal.RobustList.FUTEX_OWNER_DIED;
import static org.osgix.sys.thread.internal.RobustList.FUTEX_WAITERS;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.FakeProcess.FakeThread;

class ThreadExitTest {
    private static final int PID = 100;
    private static final long TID_WORD = BufferMemory.at(0);
    private static final long HEAD = BufferMemory.at(256);
    private static final long ENTRY1 = BufferMemory.at(512);
    private static final long ENTRY2 = BufferMemory.at(768);
    /** Each lock is {next pointer, ..., futex word at +16}, like glibc's mutex __list / __lock. */
    private static final long OFFSET = 16;

    private final BufferMemory memory = new BufferMemory(4);
    private final FakeProcess process = new FakeProcess(PID, memory);
    private final Futex futex = new Futex((a, op, v, v2, a2, v3) -> {
        throw new AssertionError("a private key went to the host");
    });
    private final ThreadExit exit = new ThreadExit(futex);
    private final FakeThread dying = process.anotherThread();

    private long exit(int status) {
        return new FakeCall("exit", dying).invoke(exit::exit, status);
    }

    /** A joiner blocked on {@code word} while it holds {@code value}. */
    private Thread waiter(long word, int value, AtomicLong result) throws InterruptedException {
        FakeThread guest = process.anotherThread();
        FakeCall wait = new FakeCall("futex", guest);
        Thread thread = new Thread(() -> result.set(wait.invoke(futex, word, Futex.FUTEX_WAIT, value, 0, 0, 0)));
        thread.start();
        FutexParking.awaitParked(thread);
        return thread;
    }

    @Test
    void exitClearsTheTidWordAndWakesTheJoiner() throws Exception {
        memory.writeInt(TID_WORD, dying.tid());
        ThreadState.of(dying).setClearChildTid(TID_WORD);
        AtomicLong joined = new AtomicLong(Long.MIN_VALUE);
        Thread joiner = waiter(TID_WORD, dying.tid(), joined);
        assertEquals(0, exit(0x1234));
        joiner.join(10_000);
        assertEquals(0, joined.get());
        assertEquals(0, memory.readInt(TID_WORD));
        assertEquals(0x34, dying.exitStatus(), "the low byte of the status");
        assertNull(process.exitGroupStatus());
    }

    @Test
    void aBadTidWordDoesNotStopTheExit() {
        ThreadState.of(dying).setClearChildTid(BufferMemory.BASE - 8);
        assertEquals(0, exit(3));
        assertEquals(3, dying.exitStatus());
    }

    @Test
    void exitGroupEndsTheProcess() {
        assertEquals(0, new FakeCall("exit_group", dying).invoke(exit::exitGroup, 256 + 7));
        assertEquals(7, process.exitGroupStatus());
        assertNull(dying.exitStatus());
    }

    private void robustHead(long first, long pending) {
        memory.writeLong(HEAD, first);
        memory.writeLong(HEAD + 8, OFFSET);
        memory.writeLong(HEAD + 16, pending);
        ThreadState.of(dying).setRobustList(HEAD, RobustList.HEAD_SIZE);
    }

    @Test
    void robustFutexesOwnedByTheDeadThreadAreMarkedAndWoken() throws Exception {
        robustHead(ENTRY1, 0);
        memory.writeLong(ENTRY1, ENTRY2);
        memory.writeLong(ENTRY2, HEAD);
        int owned = dying.tid() | FUTEX_WAITERS;
        int notOurs = dying.tid() + 1;
        memory.writeInt(ENTRY1 + OFFSET, owned);
        memory.writeInt(ENTRY2 + OFFSET, notOurs);
        AtomicLong woken = new AtomicLong(Long.MIN_VALUE);
        Thread blocked = waiter(ENTRY1 + OFFSET, owned, woken);
        exit(0);
        blocked.join(10_000);
        assertEquals(0, woken.get());
        assertEquals(FUTEX_WAITERS | FUTEX_OWNER_DIED, memory.readInt(ENTRY1 + OFFSET));
        assertEquals(notOurs, memory.readInt(ENTRY2 + OFFSET));
    }

    @Test
    void aPendingOperationOnAFreeWordWakesOneWaiter() throws Exception {
        robustHead(HEAD, ENTRY1); // empty list, a lock operation in flight
        memory.writeInt(ENTRY1 + OFFSET, 0);
        AtomicLong woken = new AtomicLong(Long.MIN_VALUE);
        Thread blocked = waiter(ENTRY1 + OFFSET, 0, woken);
        exit(0);
        blocked.join(10_000);
        assertEquals(0, woken.get());
    }

    @Test
    void aCircularListIsWalkedAFiniteNumberOfTimes() {
        robustHead(ENTRY1, 0);
        memory.writeLong(ENTRY1, ENTRY1); // points at itself forever
        memory.writeInt(ENTRY1 + OFFSET, dying.tid());
        assertEquals(0, exit(0));
        assertEquals(FUTEX_OWNER_DIED, memory.readInt(ENTRY1 + OFFSET));
        assertTrue(process.exclusiveRuns() <= RobustList.LIMIT);
    }

    @Test
    void aBrokenListStopsAtTheFault() {
        robustHead(ENTRY1, 0);
        memory.writeLong(ENTRY1, BufferMemory.BASE - 64);
        memory.writeInt(ENTRY1 + OFFSET, dying.tid());
        assertEquals(0, exit(0));
        assertEquals(FUTEX_OWNER_DIED, memory.readInt(ENTRY1 + OFFSET), "entries before the fault count");
        assertEquals(0, dying.exitStatus());
    }

    @Test
    void setRobustListWithoutExitDoesNothingElse() {
        ThreadIdentity identity = new ThreadIdentity();
        assertEquals(-Errno.EINVAL, new FakeCall("set_robust_list", dying).invoke(identity::setRobustList, HEAD, 23));
        assertEquals(0, ThreadState.of(dying).robustListHead());
    }
}
