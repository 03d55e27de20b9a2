package org.osgix.sys.mm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.FakeBundleContext;

class MemoryFamilyTest {
    @Test
    void registersEveryMemorySyscallOnceAndUnregistersOnDeactivate() {
        FakeBundleContext bundle = new FakeBundleContext();
        MemoryFamily family = new MemoryFamily(bundle.context());

        assertEquals(Set.of("mmap", "munmap", "mprotect", "mremap", "brk", "madvise", "msync", "mlock", "mlock2",
            "munlock", "mlockall", "munlockall", "mincore", "membarrier"), bundle.services().keySet());
        bundle.services().forEach((name, props) -> {
            assertEquals("sys-mm", props.get(SyscallHandler.FAMILY));
            if (SyscallHandler.SUPPORT_PARTIAL.equals(props.get(SyscallHandler.SUPPORT))) {
                assertNotNull(props.get(SyscallHandler.NOTE), name + " is partial without a note");
            }
        });
        assertEquals(SyscallHandler.SUPPORT_FULL, bundle.support("mmap"));

        family.deactivate();
        assertTrue(bundle.services().isEmpty());
    }
}
