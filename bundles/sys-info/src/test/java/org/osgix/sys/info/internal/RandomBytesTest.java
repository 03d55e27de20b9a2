package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class RandomBytesTest {
    private static final Host HOST = new PosixHost();
    private static final int PAGES = 4;
    private final PagedMemory memory = new PagedMemory(HOST.memory(), PAGES);
    private final FakeCall call = new FakeCall(new FakeProcess(10, memory));
    private final RandomBytes random = new RandomBytes(HOST);

    @AfterEach
    void free() {
        memory.close();
    }

    private byte[] bytes(long addr, int len) {
        byte[] data = new byte[len];
        memory.read(addr, data, 0, len);
        return data;
    }

    @Test
    void fillsTheGuestBufferWithFreshRandomBytes() {
        long base = memory.base();
        assertEquals(4096, call.invoke(random::getrandom, base, 4096, 0));
        byte[] first = bytes(base, 4096);
        assertEquals(4096, call.invoke(random::getrandom, base, 4096, RandomBytes.GRND_NONBLOCK));
        assertFalse(Arrays.equals(first, bytes(base, 4096)));
        assertFalse(Arrays.equals(new byte[4096], first));
        assertEquals(16, call.invoke(random::getrandom, base, 16, RandomBytes.GRND_RANDOM | RandomBytes.GRND_NONBLOCK));
        assertEquals(16, call.invoke(random::getrandom, base, 16, RandomBytes.GRND_INSECURE));
    }

    @Test
    void flagsAreCheckedBeforeTheBuffer() {
        assertEquals(-Errno.EINVAL, call.invoke(random::getrandom, 8, 16, 8));
        assertEquals(-Errno.EINVAL, call.invoke(random::getrandom, memory.base(), 16,
            RandomBytes.GRND_INSECURE | RandomBytes.GRND_RANDOM));
        assertEquals(0, call.invoke(random::getrandom, 0, 0, 0));
        assertEquals(-Errno.EFAULT, call.invoke(random::getrandom, 8, 16, 0));
    }

    @Test
    void aBufferThatEndsPartWayIsFilledUpToTheFault() {
        long base = memory.base();
        memory.protect(base + 4096, memory.end() - (base + 4096), GuestMemory.PROT_READ);
        assertEquals(4000, call.invoke(random::getrandom, base + 96, 8000, 0));
        assertEquals(-Errno.EFAULT, call.invoke(random::getrandom, base + 4096, 16, 0));
        assertEquals(4096 - 10, call.invoke(random::getrandom, base + 10, 1L << 40, 0));
    }

    @Test
    void hugeCountsAreCutToWhatTheBufferHolds() {
        long start = memory.base() + 10;
        assertEquals(PAGES * 4096 - 10, call.invoke(random::getrandom, start, 1L << 40, 0));
        assertEquals(PAGES * 4096 - 10, call.invoke(random::getrandom, start, -1L, 0));
    }

    @Test
    void writablePrefixStopsAtTheFirstUnwritablePage() {
        long base = memory.base();
        memory.protect(base + 3 * 4096, memory.end() - (base + 3 * 4096), GuestMemory.PROT_READ);
        assertEquals(3 * 4096 - 5, RandomBytes.writablePrefix(memory, base + 5, 1 << 20));
        assertEquals(100, RandomBytes.writablePrefix(memory, base + 5, 100));
        assertEquals(0, RandomBytes.writablePrefix(memory, base + 3 * 4096 + 1, 10));
        assertEquals(0, RandomBytes.writablePrefix(memory, 4096, 10));
    }
}
