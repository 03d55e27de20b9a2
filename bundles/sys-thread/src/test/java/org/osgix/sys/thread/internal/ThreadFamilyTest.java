package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.SyscallRegistrations;
import org.osgix.test.support.FakeBundleContext;

class ThreadFamilyTest {
    private final FakeBundleContext bundle = new FakeBundleContext();

    @Test
    void registersOneServicePerSyscallWithItsSupportLevel() {
        SyscallRegistrations regs = ThreadFamily.register(
            new SyscallRegistrations(bundle.context(), ThreadFamily.FAMILY), new HostCpus(2),
            (a, op, v, v2, a2, v3) -> -Errno.ENOSYS);
        for (String name : List.of("clone", "clone3", "futex", "exit", "exit_group", "gettid",
                "set_tid_address", "set_robust_list", "get_robust_list", "sched_yield",
                "sched_getaffinity", "sched_setaffinity", "sched_getscheduler", "sched_getparam", "fork", "vfork")) {
            assertNotNull(bundle.services().get(name), name);
            assertEquals(ThreadFamily.FAMILY, bundle.services().get(name).get(SyscallHandler.FAMILY));
        }
        assertEquals(SyscallHandler.SUPPORT_PARTIAL, bundle.support("futex"));
        assertNotNull(bundle.services().get("clone").get(SyscallHandler.NOTE));
        assertEquals(SyscallHandler.SUPPORT_FULL, bundle.support("exit_group"));
        for (String mustStayEnosys : List.of("rseq", "tkill", "tgkill")) {
            assertFalse(bundle.services().containsKey(mustStayEnosys), mustStayEnosys);
        }
        regs.close();
        assertTrue(bundle.services().isEmpty(), "every registration is withdrawn");
    }
}
