package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.FakeProcess.FakeThread;

class ThreadIdentityTest {
    private static final int PID = 100;
    private static final long OUT_HEAD = BufferMemory.at(0);
    private static final long OUT_LEN = BufferMemory.at(8);
    private final FakeProcess process = new FakeProcess(PID, new BufferMemory(4));
    private final FakeThread thread = process.anotherThread();
    private final ThreadIdentity identity = new ThreadIdentity();

    @Test
    void gettidIsTheCallersTid() {
        assertEquals(thread.tid(), new FakeCall("gettid", thread).invoke(identity::gettid));
    }

    @Test
    void setTidAddressRecordsTheWordAndReturnsTheTid() {
        assertEquals(thread.tid(), new FakeCall("set_tid_address", thread).invoke(identity::setTidAddress, 0x1000));
        assertEquals(0x1000, ThreadState.of(thread).clearChildTid());
    }

    @Test
    void robustListRoundTrip() {
        assertEquals(-Errno.EINVAL, new FakeCall("set_robust_list", thread).invoke(identity::setRobustList, 0x5000, 16));
        assertEquals(0, new FakeCall("set_robust_list", thread).invoke(identity::setRobustList, 0x5000, 24));
        assertEquals(0x5000, ThreadState.of(thread).robustListHead());
        assertEquals(0, new FakeCall("get_robust_list", thread).invoke(identity::getRobustList, 0, OUT_HEAD, OUT_LEN));
        assertEquals(0x5000, process.memory().readLong(OUT_HEAD));
        assertEquals(24, process.memory().readLong(OUT_LEN));
        process.memory().writeLong(OUT_HEAD, 0);
        assertEquals(0, new FakeCall("get_robust_list", process.mainThread()).invoke(identity::getRobustList, 0, OUT_HEAD, OUT_LEN));
        assertEquals(0, process.memory().readLong(OUT_HEAD), "the main thread registered none");
    }

    @Test
    void anotherThreadsListIsReadByTid() {
        new FakeCall("set_robust_list", process.mainThread()).invoke(identity::setRobustList, 0x7000, 24);
        assertEquals(0, new FakeCall("get_robust_list", thread).invoke(identity::getRobustList, process.mainThread().tid(),
            OUT_HEAD, OUT_LEN));
        assertEquals(0x7000, process.memory().readLong(OUT_HEAD));
        assertEquals(24, process.memory().readLong(OUT_LEN));
    }

    @Test
    void getRobustListErrors() {
        assertEquals(-Errno.ESRCH, new FakeCall("get_robust_list", thread).invoke(identity::getRobustList, -1, OUT_HEAD, OUT_LEN));
        assertEquals(-Errno.ESRCH, new FakeCall("get_robust_list", thread).invoke(identity::getRobustList, 999999, OUT_HEAD, OUT_LEN));
        assertEquals(-Errno.EFAULT, new FakeCall("get_robust_list", thread).invoke(identity::getRobustList, 0, 8, OUT_LEN));
    }
}
