package org.osgix.arch.x86_64.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.FakeBundleContext;

class ArchPrctlFamilyTest {
    @Test
    void activationRegistersArchPrctlAndDeactivationUnregistersIt() {
        FakeBundleContext framework = new FakeBundleContext();

        ArchPrctlFamily family = new ArchPrctlFamily(framework.context());

        assertEquals(Set.of("arch_prctl"), framework.services().keySet());
        assertEquals("arch-x86_64", framework.services().get("arch_prctl").get(SyscallHandler.FAMILY));
        assertTrue(framework.handlers().get("arch_prctl") instanceof ArchPrctl);

        family.deactivate();
        assertTrue(framework.services().isEmpty(), "unregistered");
    }
}
