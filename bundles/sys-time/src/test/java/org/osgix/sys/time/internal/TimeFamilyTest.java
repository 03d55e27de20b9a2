package org.osgix.sys.time.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.FakeBundleContext;

class TimeFamilyTest {
    @Test
    void registersEveryTimeSyscallOnceAndUnregistersOnDeactivate() {
        FakeBundleContext bundle = new FakeBundleContext();
        TimeFamily family = new TimeFamily(bundle.context(), new PosixHost());

        assertEquals(Set.of("clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep",
            "clock_nanosleep", "timerfd_create", "timerfd_settime", "timerfd_gettime"), bundle.services().keySet());
        bundle.services().forEach((name, props) -> {
            assertEquals("sys-time", props.get(SyscallHandler.FAMILY));
            if (SyscallHandler.SUPPORT_PARTIAL.equals(props.get(SyscallHandler.SUPPORT))) {
                assertNotNull(props.get(SyscallHandler.NOTE), name + " is partial without a note");
            }
        });
        assertEquals(SyscallHandler.SUPPORT_FULL, bundle.support("nanosleep"));

        family.deactivate();
        assertTrue(bundle.services().isEmpty());
    }
}
