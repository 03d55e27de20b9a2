package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.SyscallHandler;
import org.osgix.testsupport.FakeBundleContext;

class InfoFamilyTest {
    @Test
    void registersEveryInfoSyscallOnceAndUnregistersOnDeactivate() {
        FakeBundleContext bundle = new FakeBundleContext();
        InfoFamily family = new InfoFamily(bundle.context(), new PosixHost());

        assertEquals(Set.of("getpid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getresuid",
            "getresgid", "uname", "sethostname", "setdomainname", "capget", "capset", "getrandom", "getrlimit",
            "setrlimit", "prlimit64", "sysinfo", "getcpu", "getpgrp", "getpgid", "getsid", "setpgid", "setsid",
            "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid", "setfsuid", "setfsgid", "getgroups",
            "setgroups"),
            bundle.services().keySet());
        bundle.services().forEach((name, props) -> {
            assertEquals("sys-info", props.get(SyscallHandler.FAMILY));
            if (SyscallHandler.SUPPORT_PARTIAL.equals(props.get(SyscallHandler.SUPPORT))) {
                assertNotNull(props.get(SyscallHandler.NOTE), name + " is partial without a note");
            }
        });
        assertEquals(SyscallHandler.SUPPORT_FULL, bundle.support("getrandom"));

        family.deactivate();
        assertTrue(bundle.services().isEmpty());
    }
}
