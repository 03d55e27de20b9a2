package org.osgix.sys.mm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.FakeBundleContext;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeFdTable;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.RecordingAddressSpace;

/**
 * munmap, mprotect, mremap, madvise, msync, mlock* and mincore against an address space with
 * one mapping at A = 0x10000000 (4 pages) and the stack at S = 0x7ff000000000 (4 pages).
 * Expected errors come from the same calls made natively on Linux 6.18 x86_64.
 */
class MemoryCallsTest {
    private static final long A = RecordingAddressSpace.START;
    private static final long STACK = 0x7ff000000000L;
    private final RecordingAddressSpace space = new RecordingAddressSpace();
    private final FakeCall call = new FakeCall(new FakeProcess(1, space, new FakeFdTable()));

    MemoryCallsTest() {
        space.map(A, A + 4 * 4096, null);
        space.map(STACK, STACK + 4 * 4096, "[stack]");
    }

    private static SyscallHandler handler(String name) {
        Locking locking = new Locking();
        return switch (name) {
            case "munmap" -> new Unmap()::munmap;
            case "mprotect" -> new Protect()::mprotect;
            case "mremap" -> new Remap()::mremap;
            case "madvise" -> new Advice()::madvise;
            case "msync" -> new Sync()::msync;
            case "mlock", "munlock" -> locking::lockRange;
            case "mlock2" -> locking::mlock2;
            case "mlockall" -> locking::mlockall;
            case "mincore" -> new Residency()::mincore;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "munmap,   unaligned,                  0x10000001, 4096, 0, -22",
        "munmap,   len 0,                      0x10000000, 0, 0, -22",
        "munmap,   len -1,                     0x10000000, -1, 0, -22",
        "munmap,   beyond user space,          0x800000000000, 4096, 0, -22",
        "mprotect, unaligned,                  0x10000001, 4096, 1, -22",
        "mprotect, len 0,                      0x10000000, 0, 1, 0",
        "mprotect, len 0 unaligned,            0x10000001, 0, 1, -22",
        "mprotect, unknown bit,                0x10000000, 4096, 0x10, -22",
        "mprotect, growsdown off the stack,    0x10000000, 4096, 0x1000001, -22",
        "mprotect, growsdown and growsup,      0x10000000, 4096, 0x3000001, -22",
        "mprotect, len -1,                     0x10000000, -1, 1, -12",
        "mprotect, len -4096,                  0x10000000, -4096, 1, -12",
        "madvise,  unaligned,                  0x10000001, 4096, 4, -22",
        "madvise,  unknown advice,             0x10000000, 4096, 5, -22",
        "madvise,  len 0,                      0x10000000, 0, 4, 0",
        "madvise,  len -1,                     0x10000000, -1, 4, -22",
        "madvise,  hint on unmapped memory,    0x1000, 4096, 14, -12",
        "madvise,  hint on mapped memory,      0x10000000, 4096, 14, 0",
        "madvise,  hwpoison,                   0x10000000, 4096, 100, -22",
        "madvise,  collapse,                   0x10000000, 4096, 25, -22",
        "msync,    unknown flag,               0x10000000, 4096, 8, -22",
        "msync,    async and sync,             0x10000000, 4096, 5, -22",
        "msync,    unaligned,                  0x10000001, 4096, 4, -22",
        "msync,    len 0,                      0x10000000, 0, 4, 0",
        "msync,    no flags,                   0x10000000, 4096, 0, 0",
        "msync,    unmapped,                   0x1000, 4096, 4, -12",
        "msync,    partly unmapped,            0x10000000, 0x100000, 4, -12",
        "msync,    len -1,                     0x10000000, -1, 4, 0",
        "mlock,    mapped,                     0x10000000, 4096, 0, 0",
        "mlock,    unaligned start,            0x10000010, 4096, 0, 0",
        "mlock,    unmapped,                   0x1000, 4096, 0, -12",
        "mlock,    len 0 unmapped,             0x1000, 0, 0, 0",
        "munlock,  unmapped,                   0x1000, 4096, 0, -12",
        "mlock2,   unknown flag,               0x10000000, 4096, 2, -22",
        "mlock2,   on fault,                   0x10000000, 4096, 1, 0",
        "mlockall, no flags,                   0, 0, 0, -22",
        "mlockall, on fault alone,             4, 0, 0, -22",
        "mlockall, unknown flag,               8, 0, 0, -22",
        "mlockall, current,                    1, 0, 0, 0",
        "mincore,  unaligned,                  0x10000001, 4096, 0x10000000, -22",
        "mincore,  unmapped,                   0x1000, 4096, 0x10000000, -12",
        "mincore,  bad vector,                 0x10000000, 4096, 8, -14",
        "mincore,  unmapped with bad vector,   0x1000, 4096, 8, -12",
        "mincore,  len 0,                      0x10000000, 0, 8, 0",
    })
    void validatesLikeLinux(String syscall, String what, long arg0, long arg1, long arg2, long expected) {
        assertEquals(expected, call.invoke(handler(syscall), arg0, arg1, arg2), syscall + " " + what);
    }

    @ParameterizedTest(name = "mremap {0}")
    @CsvSource({
        "unknown flag,                   0x10000000, 4096, 8192, 8, 0",
        "fixed without maymove,          0x10000000, 4096, 8192, 2, 0x20000000",
        "unaligned,                      0x10000001, 4096, 8192, 1, 0",
        "new length 0,                   0x10000000, 4096, 0, 1, 0",
        "new length -1,                  0x10000000, 4096, -1, 1, 0",
        "dontunmap with new length,      0x10000000, 4096, 8192, 5, 0",
        "dontunmap without maymove,      0x10000000, 4096, 4096, 4, 0",
        "fixed at unaligned address,     0x10000000, 4096, 4096, 3, 0x20000001",
    })
    void mremapRejectsBadParameters(String what, long oldAddr, long oldLen, long newLen, long flags, long newAddr) {
        assertEquals(-Errno.EINVAL, call.invoke(new Remap()::mremap, oldAddr, oldLen, newLen, flags, newAddr), what);
        assertEquals("none", space.lastCall());
    }

    @Test
    void validCallsReachTheAddressSpaceWithPageRoundedLengths() {
        call.invoke(new Unmap()::munmap, A, 5000);
        assertEquals("munmap(0x10000000, 8192)", space.lastCall());
        call.invoke(new Protect()::mprotect, A, 100, 1 | Protect.PROT_SEM);
        assertEquals("mprotect(0x10000000, 4096, 1)", space.lastCall());
        call.invoke(new Remap()::mremap, A, 4000, 9000, AddressSpace.MREMAP_MAYMOVE, 0);
        assertEquals("mremap(0x10000000, 4096, 12288, 1, 0x0)", space.lastCall());
        call.invoke(new Advice()::madvise, A, 1, AddressSpace.MADV_DONTNEED);
        assertEquals("madvise(0x10000000, 4096, 4)", space.lastCall());
        call.invoke(new Advice()::madvise, A, 4096, Advice.MADV_DONTNEED_LOCKED);
        assertEquals("madvise(0x10000000, 4096, 4)", space.lastCall());
        call.invoke(new Advice()::madvise, A, 4096, Advice.MADV_POPULATE_WRITE);
        assertEquals("madvise(0x10000000, 4096, 3)", space.lastCall());
    }

    @Test
    void addressSpaceErrorsAreReturnedAsTheyAre() {
        space.setResult(-Errno.ENOMEM);
        assertEquals(-Errno.ENOMEM, call.invoke(new Protect()::mprotect, 0x1000, 4096, 1));
        space.setResult(-Errno.EFAULT);
        assertEquals(-Errno.EFAULT, call.invoke(new Remap()::mremap, 0x1000, 4096, 8192, 1, 0));
    }

    @Test
    void growsdownExtendsTheChangeToTheStartOfTheStack() {
        long top = STACK + 3 * 4096;
        assertEquals(0, call.invoke(new Protect()::mprotect, top, 4096, 7 | Protect.PROT_GROWSDOWN));
        assertEquals("mprotect(0x7ff000000000, 16384, 7)", space.lastCall());
        assertEquals(-Errno.ENOMEM, call.invoke(new Protect()::mprotect, 0x1000, 4096, 1 | Protect.PROT_GROWSDOWN));
    }

    @Test
    void mincoreReportsEveryMappedPageResident() {
        long vec = A + 4096;
        space.fill(vec, 8, (byte) 9);
        assertEquals(0, call.invoke(new Residency()::mincore, A, 3 * 4096 + 1, vec));
        assertEquals(1, space.readByte(vec));
        assertEquals(1, space.readByte(vec + 3));
        assertEquals(9, space.readByte(vec + 4));
    }

    @Test
    void coverageFollowsAdjacentMappings() {
        space.map(A + 4 * 4096, A + 8 * 4096, "/lib/x.so");
        assertEquals(0, call.invoke(new Sync()::msync, A, 8 * 4096, Sync.MS_SYNC));
        assertEquals(-Errno.ENOMEM, call.invoke(new Sync()::msync, A, 9 * 4096, Sync.MS_SYNC));
        assertEquals(-Errno.ENOMEM, call.invoke(new Sync()::msync, A - 4096, 4096 * 2, Sync.MS_ASYNC));
    }

    @Test
    void brkIsTheAddressSpaces() {
        FakeBundleContext bundle = new FakeBundleContext();
        MemoryFamily family = new MemoryFamily(bundle.context());
        space.setResult(0x602000);
        assertEquals(0x602000, call.invoke(bundle.handlers().get("brk"), 0x601000));
        assertEquals("brk(0x601000)", space.lastCall());
        family.deactivate();
    }
}
