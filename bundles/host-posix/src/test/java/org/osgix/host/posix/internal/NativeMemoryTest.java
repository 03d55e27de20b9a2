package org.osgix.host.posix.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.NativeMemory;

class NativeMemoryTest {
    final NativeMemory memory = new PosixHost().memory();
    long base;

    @BeforeEach
    void allocate() {
        base = memory.allocate(1024);
    }

    @AfterEach
    void release() {
        memory.free(base);
    }

    @Test
    void allocateZeroes() {
        byte[] bytes = new byte[1024];
        java.util.Arrays.fill(bytes, (byte) 7);
        memory.get(base, bytes, 0, 1024);
        assertArrayEquals(new byte[1024], bytes);
    }

    @Test
    void scalarRoundTripsAreLittleEndian() {
        memory.putLong(base, 0x0102_0304_0506_0708L);
        assertEquals(0x08, memory.getByte(base));
        assertEquals(0x0506_0708, memory.getInt(base));
        assertEquals(0x0102_0304, memory.getInt(base + 4));
        memory.putInt(base + 3, 0xAABB_CCDD);
        assertEquals((byte) 0xDD, memory.getByte(base + 3));
        memory.putByte(base + 100, (byte) -1);
        assertEquals((byte) -1, memory.getByte(base + 100));
        assertEquals(0xFFL, memory.getLong(base + 100));
        memory.putLong(base + 17, Long.MIN_VALUE); // unaligned
        assertEquals(Long.MIN_VALUE, memory.getLong(base + 17));
    }

    @Test
    void arrayGetAndPutHonourOffsets() {
        byte[] src = {1, 2, 3, 4, 5, 6};
        memory.put(base + 10, src, 2, 3);
        byte[] dst = new byte[7];
        memory.get(base + 9, dst, 1, 5);
        assertArrayEquals(new byte[] {0, 0, 3, 4, 5, 0, 0}, dst);
        memory.get(base, dst, 0, 0); // zero length is a no-op
    }

    @Test
    void fillAndOverlappingCopy() {
        memory.fill(base, 8, (byte) 0x5A);
        assertEquals(0x5A5A_5A5A_5A5A_5A5AL, memory.getLong(base));
        assertEquals(0, memory.getByte(base + 8));
        for (int i = 0; i < 8; i++) {
            memory.putByte(base + 200 + i, (byte) i);
        }
        memory.copy(base + 202, base + 200, 6); // overlapping forward copy must behave like memmove
        byte[] result = new byte[8];
        memory.get(base + 200, result, 0, 8);
        assertArrayEquals(new byte[] {0, 1, 0, 1, 2, 3, 4, 5}, result);
    }

    @Test
    void indexOfNul() {
        memory.fill(base, 64, (byte) 'a');
        memory.putByte(base + 37, (byte) 0);
        assertEquals(37, memory.indexOfNul(base, 64));
        assertEquals(37, memory.indexOfNul(base, 38));
        assertEquals(-1, memory.indexOfNul(base, 37), "the NUL just past max is not found");
        assertEquals(0, memory.indexOfNul(base + 37, 1));
        assertEquals(-1, memory.indexOfNul(base, 0));
    }

    @Test
    void indexOfNulBeyondTheJavaScanUsesMemchr() {
        memory.fill(base, 1024, (byte) 'b');
        assertEquals(-1, memory.indexOfNul(base, 1024));
        memory.putByte(base + 700, (byte) 0);
        assertEquals(700, memory.indexOfNul(base, 1024));
        assertEquals(-1, memory.indexOfNul(base, 700));
        assertEquals(127, memory.indexOfNul(base + 573, 1024 - 573));
        assertEquals(128, memory.indexOfNul(base + 572, 1024 - 572));
    }

    @Test
    void accessesNearAWindowBoundaryOfAHighMapping() {
        // an mmap'ed region straddling a 1 GiB boundary: the windows must hand over seamlessly
        PosixHost host = new PosixHost();
        long hint = (0x7000_0000_0000L) - 4096; // last page below a 1 GiB-aligned address
        long addr = host.mmap(hint, 8192, 3, 0x22 | 0x100000 /* MAP_FIXED_NOREPLACE */, -1, 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(addr == hint, "address range taken: " + addr);
        try {
            long boundary = addr + 4096;
            memory.putLong(boundary - 4, 0x1122_3344_5566_7788L);
            assertEquals(0x5566_7788, memory.getInt(boundary - 4));
            assertEquals(0x1122_3344, memory.getInt(boundary));
            assertEquals(0x1122_3344_5566_7788L, memory.getLong(boundary - 4));
            byte[] bytes = new byte[16];
            memory.get(boundary - 8, bytes, 0, 16);
            assertEquals((byte) 0x88, bytes[4]);
            assertEquals((byte) 0x11, bytes[11]);
            memory.fill(boundary - 2, 4, (byte) 'z');
            memory.putByte(boundary + 2, (byte) 0);
            assertEquals(4, memory.indexOfNul(boundary - 2, 100));
        } finally {
            host.munmap(addr, 8192);
        }
    }
}
