package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class ResourceLimitsTest {
    private static final Host HOST = new PosixHost();
    private static final int NOFILE = GuestProcess.RLIMIT_NOFILE;
    private static final long INFINITY = GuestProcess.RLIM_INFINITY;
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 1);
    private final FakeProcess process = new FakeProcess(500, memory);
    private final FakeCall call = new FakeCall(process);
    private final ResourceLimits limits = new ResourceLimits();
    private final long newLimit = memory.base();
    private final long oldLimit = memory.base() + 16;

    @AfterEach
    void free() {
        memory.close();
    }

    private void limit(long addr, long current, long maximum) {
        memory.writeLong(addr, current);
        memory.writeLong(addr + 8, maximum);
    }

    @Test
    void getrlimitReportsTheProcessLimits() {
        process.setRlimit(NOFILE, 1024, 4096);
        assertEquals(0, call.invoke(limits::getrlimit, NOFILE, oldLimit));
        assertEquals(1024, memory.readLong(oldLimit));
        assertEquals(4096, memory.readLong(oldLimit + 8));
        assertEquals(0, call.invoke(limits::getrlimit, GuestProcess.RLIMIT_STACK, oldLimit));
        assertEquals(INFINITY, memory.readLong(oldLimit));
    }

    @Test
    void getrlimitChecksTheResourceBeforeThePointer() {
        assertEquals(-Errno.EINVAL, call.invoke(limits::getrlimit, GuestProcess.RLIMIT_NLIMITS, oldLimit));
        assertEquals(-Errno.EINVAL, call.invoke(limits::getrlimit, -1, 8));
        assertEquals(-Errno.EFAULT, call.invoke(limits::getrlimit, NOFILE, 8));
    }

    @Test
    void setrlimitReadsTheLimitBeforeCheckingTheResource() {
        assertEquals(-Errno.EFAULT, call.invoke(limits::setrlimit, 99, 8));
        limit(newLimit, 10, 20);
        assertEquals(-Errno.EINVAL, call.invoke(limits::setrlimit, 99, newLimit));
        assertEquals(0, call.invoke(limits::setrlimit, NOFILE, newLimit));
        assertEquals(10, process.rlimitCurrent(NOFILE));
        assertEquals(20, process.rlimitMaximum(NOFILE));
    }

    @Test
    void softLimitsAboveHardOnesAreInvalidComparingUnsigned() {
        limit(newLimit, INFINITY, 100);
        assertEquals(-Errno.EINVAL, call.invoke(limits::setrlimit, NOFILE, newLimit));
        limit(newLimit, 100, INFINITY);
        assertEquals(0, call.invoke(limits::setrlimit, NOFILE, newLimit));
        assertEquals(INFINITY, process.rlimitMaximum(NOFILE));
    }

    @Test
    void prlimitTargetsOnlyTheCallingProcess() {
        process.setRlimit(NOFILE, 64, 128);
        for (long pid : new long[] {0, process.pid(), process.mainThread().tid()}) {
            memory.fill(oldLimit, 16, (byte) 0);
            assertEquals(0, call.invoke(limits::prlimit64, pid, NOFILE, 0, oldLimit), "pid " + pid);
            assertEquals(64, memory.readLong(oldLimit));
        }
        assertEquals(-Errno.ESRCH, call.invoke(limits::prlimit64, 1, NOFILE, 0, oldLimit));
        assertEquals(-Errno.ESRCH, call.invoke(limits::prlimit64, -5, NOFILE, 0, oldLimit));
    }

    @Test
    void prlimitOrderOfChecksMatchesLinux() {
        assertEquals(-Errno.EFAULT, call.invoke(limits::prlimit64, 999, NOFILE, 8, 0), "new is read first");
        assertEquals(-Errno.EFAULT, call.invoke(limits::prlimit64, 0, 99, 8, 0));
        assertEquals(-Errno.ESRCH, call.invoke(limits::prlimit64, 999, 99, 0, oldLimit), "then the pid");
        assertEquals(-Errno.EINVAL, call.invoke(limits::prlimit64, 0, 99, 0, oldLimit), "then the resource");
    }

    @Test
    void prlimitReturnsTheOldLimitAndSetsTheNewOne() {
        process.setRlimit(NOFILE, 64, 128);
        limit(newLimit, 32, 100);
        assertEquals(0, call.invoke(limits::prlimit64, 0, NOFILE, newLimit, oldLimit));
        assertEquals(64, memory.readLong(oldLimit));
        assertEquals(128, memory.readLong(oldLimit + 8));
        assertEquals(32, process.rlimitCurrent(NOFILE));
        limit(newLimit, 16, 100);
        assertEquals(-Errno.EFAULT, call.invoke(limits::prlimit64, 0, NOFILE, newLimit, 8));
        assertEquals(16, process.rlimitCurrent(NOFILE), "the new limit applies even when old cannot be stored");
        limit(newLimit, 200, 100);
        assertEquals(-Errno.EINVAL, call.invoke(limits::prlimit64, 0, NOFILE, newLimit, oldLimit));
        assertEquals(16, process.rlimitCurrent(NOFILE));
    }
}
