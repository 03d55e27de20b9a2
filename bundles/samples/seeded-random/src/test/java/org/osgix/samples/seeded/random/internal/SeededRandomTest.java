package org.osgix.samples.seeded.random.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.SyscallContext;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;

/** The handlers called directly, with the doubles of osgix's test-support jar (test scope). */
class SeededRandomTest {
    private static final long BASE = BufferMemory.BASE;
    private static final int PAGES = 32;
    private static final int SIZE = PAGES * 4096;

    private final BufferMemory memory = new BufferMemory(PAGES);
    private final FakeProcess process = new FakeProcess(100, memory);

    /** A call with these arguments by the process's main thread (a fault is thrown, not converted). */
    private SyscallContext call(long... args) {
        return new FakeCall(process).arguments(args);
    }

    /** The whole of guest memory. */
    private byte[] contents() {
        byte[] out = new byte[SIZE];
        memory.read(BASE, out, 0, SIZE);
        return out;
    }

    @Test
    void splitMix64MatchesTheReferenceImplementation() {
        // values printed by the C reference implementation (seed 42, then seed 1234567)
        SplitMix64 g = new SplitMix64(42);
        assertEquals(0xbdd732262feb6e95L, g.nextLong());
        assertEquals(0x28efe333b266f103L, g.nextLong());
        assertEquals(0x47526757130f9f52L, g.nextLong());
        assertEquals(6457827717110365317L, new SplitMix64(1234567).nextLong());
    }

    @Test
    void getrandomWritesTheSeededStreamLittleEndianAndContinuesIt() {
        SeededGetrandom getrandom = new SeededGetrandom(new Seeds(42L));
        assertEquals(12, getrandom.getrandom(call(BASE, 12, 0)));
        assertEquals(0xbdd732262feb6e95L, memory.readLong(BASE));
        assertEquals(0xb266f103, memory.readInt(BASE + 8), "the 2nd word's low half ends the first call");
        assertEquals(8, getrandom.getrandom(call(BASE + 100, 8, SeededGetrandom.GRND_NONBLOCK)));
        assertEquals(0x47526757130f9f52L, memory.readLong(BASE + 100), "a call starts a fresh word");
    }

    @Test
    void theLaunchOptionBeatsTheComponentSeedAndABadOneIsIgnored() {
        Seeds seeds = new Seeds(42L);
        assertEquals(42, seeds.seedOf(process));
        process.setOption(Seeds.LAUNCH_OPTION, "0x10");
        assertEquals(16, seeds.seedOf(process));
        process.setOption(Seeds.LAUNCH_OPTION, "ten");
        assertEquals(42, seeds.seedOf(process));
        assertEquals(7, new Seeds("7").seedOf(new FakeProcess(100, memory)));
    }

    @Test
    void badFlagsAndBadBuffersFailLikeLinuxAndZeroBytesSucceed() {
        SeededGetrandom getrandom = new SeededGetrandom(new Seeds(1L));
        assertEquals(-Errno.EINVAL, getrandom.getrandom(call(BASE, 8, 0x1000)));
        assertEquals(-Errno.EINVAL, getrandom.getrandom(call(BASE, 8,
                SeededGetrandom.GRND_RANDOM | SeededGetrandom.GRND_INSECURE)));
        assertEquals(-Errno.EFAULT, getrandom.getrandom(call(8, 8, 0)));
        assertEquals(-Errno.EFAULT, getrandom.getrandom(call(BASE + SIZE - 4, 8, 0)));
        assertEquals(0, getrandom.getrandom(call(8, 0, 0)));
        assertArrayEquals(new byte[SIZE], contents(), "nothing was written");
    }

    @Test
    void hugeRequestsAreCutToTheChunkSize() {
        SeededGetrandom getrandom = new SeededGetrandom(new Seeds(1L));
        assertEquals(SeededGetrandom.MAX_BYTES, getrandom.getrandom(call(BASE, -1L, 0)));
        assertEquals(0, memory.readByte(BASE + SeededGetrandom.MAX_BYTES + 7), "nothing past the chunk");
        assertNotEquals(0, memory.readLong(BASE + SeededGetrandom.MAX_BYTES - 8));
    }

    @Test
    void theSeedIoctlStoresTheProcessSeedAndFaultsOnABadPointer() {
        SeedIoctl ioctl = new SeedIoctl(new Seeds(99L));
        assertEquals(0, ioctl.ioctl(call(3, SeedIoctl.RNDGETSEED, BASE + 16), null,
                SeedIoctl.RNDGETSEED, BASE + 16));
        assertEquals(99, memory.readLong(BASE + 16));
        assertThrows(GuestFault.class, () -> ioctl.ioctl(call(3, SeedIoctl.RNDGETSEED, 8), null,
                SeedIoctl.RNDGETSEED, 8));
        assertEquals(0x80085240L, SeedIoctl.RNDGETSEED, "_IOR('R', 0x40, __u64)");
        assertNotEquals(0, SeedIoctl.RNDGETSEED & 0xff);
    }

    @Test
    void theSeedRequestIsTheEncodedReadOfEightBytes() {
        assertEquals(org.osgix.ioctl.IoctlRequests.encode(org.osgix.ioctl.IoctlRequests.IOC_READ, 'R', 0x40, Long.BYTES),
            SeedIoctl.RNDGETSEED);
    }
}
