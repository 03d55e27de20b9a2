package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class CurrentCpuTest {
    private final PagedMemory memory = new PagedMemory(new PosixHost().memory(), 1);
    private final FakeCall call = new FakeCall(new FakeProcess(10, memory));

    @AfterEach
    void free() {
        memory.close();
    }

    @Test
    void reportsCpuAndNodeZeroWhereAsked() {
        long cpu = memory.base();
        long node = memory.base() + 4;
        memory.fill(cpu, 8, (byte) 0x33);
        assertEquals(0, call.invoke(new CurrentCpu()::getcpu, cpu, node, 0));
        assertEquals(0, memory.readLong(cpu));
        assertEquals(0, call.invoke(new CurrentCpu()::getcpu, 0, 0, 0));
        assertEquals(-Errno.EFAULT, call.invoke(new CurrentCpu()::getcpu, 8, 0, 0));
    }
}
