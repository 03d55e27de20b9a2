package org.osgix.arch.x86_64.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.syscall.Errno;

/** Expected values were taken from native arch_prctl calls on Linux 6.18. */
class ArchPrctlTest {
    private static final long BUFFER = 0x10_0000;
    private final ArchPrctl handler = new ArchPrctl();
    private Fakes.Thread thread;
    private Fakes.Memory memory;

    @BeforeEach
    void setUp() {
        thread = new Fakes.Thread();
        memory = new Fakes.Memory(BUFFER, 4096);
    }

    private long call(long option, long arg) {
        return handler.handle(Fakes.call(thread, memory, option, arg));
    }

    @Test
    void setFsSetsTheTlsRegisterAndGetFsWritesItToTheGuest() {
        assertEquals(0, call(ArchPrctl.ARCH_SET_FS, 0x7f12_3456_7000L));
        assertEquals(0x7f12_3456_7000L, thread.registers.get(CpuRegister.TLS));

        assertEquals(0, call(ArchPrctl.ARCH_GET_FS, BUFFER + 8));
        assertEquals(0x7f12_3456_7000L, memory.longs.get(BUFFER + 8));
    }

    @Test
    void setGsAndGetGsUseTheGsBase() {
        assertEquals(0, call(ArchPrctl.ARCH_SET_GS, 0x7fff_ffff_efffL));
        assertEquals(0x7fff_ffff_efffL, thread.registers.get(CpuRegister.X86_GS_BASE));
        assertFalse(thread.registers.containsKey(CpuRegister.TLS));

        assertEquals(0, call(ArchPrctl.ARCH_GET_GS, BUFFER));
        assertEquals(0x7fff_ffff_efffL, memory.longs.get(BUFFER));
    }

    @Test
    void basesAtOrAboveTheUserAddressLimitAreEperm() {
        thread.registers.put(CpuRegister.TLS, 0x1000L);
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_FS, 0x7fff_ffff_f000L));
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_FS, 1L << 47));
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_FS, -1L));
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_GS, 0x7fff_ffff_f000L));
        assertEquals(0x1000L, thread.registers.get(CpuRegister.TLS), "unchanged");
        assertEquals(0, call(ArchPrctl.ARCH_SET_FS, 0), "zero is a valid base");
    }

    @Test
    void getWithABadPointerIsEfault() {
        assertEquals(-Errno.EFAULT, call(ArchPrctl.ARCH_GET_FS, 16));
        assertEquals(-Errno.EFAULT, call(ArchPrctl.ARCH_GET_GS, BUFFER + 4096 - 4));
        assertEquals(-Errno.EFAULT, call(ArchPrctl.ARCH_GET_XCOMP_SUPP, 16));
    }

    @Test
    void cpuidIsEnabledAndCannotBeMadeToFault() {
        assertEquals(1, call(ArchPrctl.ARCH_GET_CPUID, 0));
        assertEquals(-Errno.ENODEV, call(ArchPrctl.ARCH_SET_CPUID, 0));
        assertEquals(-Errno.ENODEV, call(ArchPrctl.ARCH_SET_CPUID, 1));
    }

    @Test
    void xsaveComponentsAreX87AndSseOnlyAndNoneCanBeRequested() {
        assertEquals(0, call(ArchPrctl.ARCH_GET_XCOMP_SUPP, BUFFER));
        assertEquals(3L, memory.longs.get(BUFFER));
        assertEquals(0, call(ArchPrctl.ARCH_GET_XCOMP_PERM, BUFFER + 8));
        assertEquals(3L, memory.longs.get(BUFFER + 8));
        assertEquals(-Errno.EOPNOTSUPP, call(ArchPrctl.ARCH_REQ_XCOMP_PERM, 18)); // AMX tiles
        assertEquals(-Errno.EOPNOTSUPP, call(ArchPrctl.ARCH_REQ_XCOMP_PERM, 0));
        assertEquals(-Errno.EOPNOTSUPP, call(ArchPrctl.ARCH_REQ_XCOMP_GUEST_PERM, 19));
        assertEquals(-Errno.EINVAL, call(ArchPrctl.ARCH_REQ_XCOMP_PERM, 20));
        assertEquals(-Errno.EINVAL, call(ArchPrctl.ARCH_REQ_XCOMP_PERM, -1));
    }

    @Test
    void unknownOptionsShadowStacksAndVdsoMappingAreEinval() {
        for (long option : new long[] {0, 0x1000, 0x1005, 0x2003, 0x5001, 0x5005, 0x9999}) {
            assertEquals(-Errno.EINVAL, call(option, BUFFER), Long.toHexString(option));
        }
        assertEquals(-Errno.EINVAL, call(ArchPrctl.ARCH_SET_FS + (1L << 32) + 7, 0));
    }

    @Test
    void theOptionIsTruncatedToAnIntAsTheKernelDeclaresIt() {
        assertEquals(0, call((1L << 32) | ArchPrctl.ARCH_SET_FS, 0x4000));
        assertEquals(0x4000L, thread.registers.get(CpuRegister.TLS));
    }
}
