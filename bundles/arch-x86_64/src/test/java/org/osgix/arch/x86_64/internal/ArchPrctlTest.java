package org.osgix.arch.x86_64.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.syscall.Errno;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.FakeProcess.FakeThread;

/** Expected values were taken from native arch_prctl calls on Linux 6.18. */
class ArchPrctlTest {
    private static final long BUFFER = BufferMemory.BASE;
    private final ArchPrctl handler = new ArchPrctl();
    private BufferMemory memory;
    private FakeThread thread;

    @BeforeEach
    void setUp() {
        memory = new BufferMemory(1);
        thread = new FakeProcess(100, memory).mainThread();
    }

    /** arch_prctl(option, arg), a fault thrown rather than turned into -EFAULT (the handler must not fault). */
    private long call(long option, long arg) {
        return handler.handle(new FakeCall("arch_prctl", thread).arguments(option, arg));
    }

    @Test
    void setFsSetsTheTlsRegisterAndGetFsWritesItToTheGuest() {
        assertEquals(0, call(ArchPrctl.ARCH_SET_FS, 0x7f12_3456_7000L));
        assertEquals(0x7f12_3456_7000L, thread.register(CpuRegister.TLS));

        assertEquals(0, call(ArchPrctl.ARCH_GET_FS, BUFFER + 8));
        assertEquals(0x7f12_3456_7000L, memory.readLong(BUFFER + 8));
    }

    @Test
    void setGsAndGetGsUseTheGsBase() {
        assertEquals(0, call(ArchPrctl.ARCH_SET_GS, 0x7fff_ffff_efffL));
        assertEquals(0x7fff_ffff_efffL, thread.register(CpuRegister.X86_GS_BASE));
        assertEquals(0, thread.register(CpuRegister.TLS), "the fs base is left alone");

        assertEquals(0, call(ArchPrctl.ARCH_GET_GS, BUFFER));
        assertEquals(0x7fff_ffff_efffL, memory.readLong(BUFFER));
    }

    @Test
    void basesAtOrAboveTheUserAddressLimitAreEperm() {
        thread.setRegister(CpuRegister.TLS, 0x1000L);
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_FS, 0x7fff_ffff_f000L));
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_FS, 1L << 47));
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_FS, -1L));
        assertEquals(-Errno.EPERM, call(ArchPrctl.ARCH_SET_GS, 0x7fff_ffff_f000L));
        assertEquals(0x1000L, thread.register(CpuRegister.TLS), "unchanged");
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
        assertEquals(3L, memory.readLong(BUFFER));
        assertEquals(0, call(ArchPrctl.ARCH_GET_XCOMP_PERM, BUFFER + 8));
        assertEquals(3L, memory.readLong(BUFFER + 8));
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
        assertEquals(0x4000L, thread.register(CpuRegister.TLS));
    }
}
