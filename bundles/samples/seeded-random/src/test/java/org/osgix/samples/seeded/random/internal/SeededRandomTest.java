package org.osgix.samples.seeded.random.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;

class SeededRandomTest {
    private final FakeCall guest = new FakeCall();

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
        assertEquals(12, getrandom.getrandom(guest.call(FakeCall.BASE, 12, 0)));
        assertEquals(0xbdd732262feb6e95L, guest.page.getLong(0));
        assertEquals(0xb266f103, guest.page.getInt(8), "the 2nd word's low half ends the first call");
        assertEquals(8, getrandom.getrandom(guest.call(FakeCall.BASE + 100, 8, SeededGetrandom.GRND_NONBLOCK)));
        assertEquals(0x47526757130f9f52L, guest.page.getLong(100), "a call starts a fresh word");
    }

    @Test
    void theLaunchOptionBeatsTheComponentSeedAndABadOneIsIgnored() {
        Seeds seeds = new Seeds(42L);
        assertEquals(42, seeds.seedOf(guest.process));
        guest.options.put(Seeds.LAUNCH_OPTION, "0x10");
        assertEquals(16, seeds.seedOf(guest.process));
        guest.options.put(Seeds.LAUNCH_OPTION, "ten");
        assertEquals(42, seeds.seedOf(guest.process));
        assertEquals(7, new Seeds("7").seedOf(new FakeCall().process));
    }

    @Test
    void badFlagsAndBadBuffersFailLikeLinuxAndZeroBytesSucceed() {
        SeededGetrandom getrandom = new SeededGetrandom(new Seeds(1L));
        assertEquals(-Errno.EINVAL, getrandom.getrandom(guest.call(FakeCall.BASE, 8, 0x1000)));
        assertEquals(-Errno.EINVAL, getrandom.getrandom(guest.call(FakeCall.BASE, 8,
                SeededGetrandom.GRND_RANDOM | SeededGetrandom.GRND_INSECURE)));
        assertEquals(-Errno.EFAULT, getrandom.getrandom(guest.call(8, 8, 0)));
        assertEquals(-Errno.EFAULT, getrandom.getrandom(guest.call(FakeCall.BASE + FakeCall.SIZE - 4, 8, 0)));
        assertEquals(0, getrandom.getrandom(guest.call(8, 0, 0)));
        assertArrayEquals(new byte[FakeCall.SIZE], guest.page.array(), "nothing was written");
    }

    @Test
    void hugeRequestsAreCutToTheChunkSize() {
        SeededGetrandom getrandom = new SeededGetrandom(new Seeds(1L));
        assertEquals(SeededGetrandom.MAX_BYTES, getrandom.getrandom(guest.call(FakeCall.BASE, -1L, 0)));
        assertEquals(0, guest.page.get(SeededGetrandom.MAX_BYTES + 7), "nothing past the chunk");
        assertNotEquals(0, guest.page.getLong(SeededGetrandom.MAX_BYTES - 8));
    }

    @Test
    void theSeedIoctlStoresTheProcessSeedAndFaultsOnABadPointer() {
        SeedIoctl ioctl = new SeedIoctl(new Seeds(99L));
        assertEquals(0, ioctl.ioctl(guest.call(3, SeedIoctl.RNDGETSEED, FakeCall.BASE + 16), null,
                SeedIoctl.RNDGETSEED, FakeCall.BASE + 16));
        assertEquals(99, guest.page.getLong(16));
        assertThrows(GuestFault.class, () -> ioctl.ioctl(guest.call(3, SeedIoctl.RNDGETSEED, 8), null,
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
