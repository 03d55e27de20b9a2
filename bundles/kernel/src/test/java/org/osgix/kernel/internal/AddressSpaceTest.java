package org.osgix.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

class AddressSpaceTest {
    private static final int RW = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
    private static final int ANON = AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS;
    private static final long PAGE = 4096;

    private final Host host = new PosixHost();
    private final PageMachine machine = new PageMachine();
    private final AddressSpaceImpl space = new AddressSpaceImpl(host, machine);

    @AfterEach
    void release() {
        space.release();
    }

    private long anon(long len, int prot) {
        long a = space.mmap(0, len, prot, ANON, -1, 0, null);
        assertTrue(a > 0, "mmap failed: " + a);
        return a;
    }

    @Test
    void anonymousMemoryIsZeroedReadableWritableAndVisibleToTheEngine() {
        long a = anon(3 * PAGE, RW);
        assertEquals(0, a % PAGE);
        assertEquals(0, space.readLong(a + 8));
        space.writeLong(a + 2 * PAGE, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, space.readLong(a + 2 * PAGE));
        assertEquals(RW, machine.protAt(a + 2 * PAGE));
        assertEquals(a, space.hostAddress(a, 3 * PAGE, GuestMemory.PROT_WRITE));
    }

    @Test
    void mappingsWithoutAnAddressGoTopDownInTheGuestWindowAndAFreeHintIsTaken() {
        long first = anon(2 * PAGE, RW);
        long second = anon(PAGE, RW);
        assertTrue(first + 2 * PAGE <= Placement.TOP && first >= Placement.FLOOR, Long.toHexString(first));
        assertEquals(first - PAGE, second, "the next one right below");
        long hint = Placement.FLOOR + 16 * PAGE;
        assertEquals(hint, space.mmap(hint - 5, PAGE, RW, ANON, -1, 0, null), "a free hint, page-rounded up");
        assertEquals(first - 2 * PAGE, space.mmap(first, PAGE, RW, ANON, -1, 0, null), "a taken hint is a hint only");
        long low = space.mmap(0, PAGE, RW, ANON | Placement.MAP_32BIT, -1, 0, null);
        assertTrue(low >= Placement.LOW_FLOOR && low < Placement.LOW_TOP, Long.toHexString(low));
    }

    @Test
    void anotherAddressSpaceInTheSameJvmIsSteppedOver() {
        long mine = anon(PAGE, RW);
        AddressSpaceImpl other = new AddressSpaceImpl(host, new PageMachine());
        try {
            long theirs = other.mmap(0, 4 * PAGE, RW, ANON, -1, 0, null);
            assertTrue(theirs > 0 && (theirs + 4 * PAGE <= mine || theirs >= mine + PAGE), Long.toHexString(theirs));
        } finally {
            other.release();
        }
    }

    @Test
    void accessBeyondAMappingFaultsInsteadOfTouchingHostMemory() {
        long a = anon(PAGE, RW);
        assertThrows(GuestFault.class, () -> space.readLong(a + PAGE - 4));
        assertEquals(-Errno.EFAULT, space.hostAddress(a, PAGE + 1, GuestMemory.PROT_READ));
        assertEquals(-Errno.EFAULT, space.hostAddress(8, 8, GuestMemory.PROT_READ));
    }

    @Test
    void munmapRemovesAccessAndEngineVisibilityButOnlyOfThatRange() {
        long a = anon(4 * PAGE, RW);
        assertEquals(0, space.munmap(a + PAGE, 2 * PAGE));
        assertThrows(GuestFault.class, () -> space.readByte(a + PAGE));
        assertNull(machine.protAt(a + 2 * PAGE));
        space.writeByte(a, (byte) 1);
        space.writeByte(a + 3 * PAGE, (byte) 2);
        assertEquals(2, space.readByte(a + 3 * PAGE));
        assertEquals(-Errno.EINVAL, space.munmap(a + 1, PAGE));
    }

    @Test
    void fixedNoReplaceRefusesAnOccupiedRangeAndFixedReplacesPartOfIt() {
        long a = anon(4 * PAGE, RW);
        space.writeLong(a + PAGE, 42);
        assertEquals(-Errno.EEXIST, space.mmap(a + PAGE, PAGE, RW, ANON | AddressSpace.MAP_FIXED_NOREPLACE, -1, 0, null));
        assertEquals(a + PAGE, space.mmap(a + PAGE, PAGE, GuestMemory.PROT_READ, ANON | AddressSpace.MAP_FIXED, -1, 0, null));
        assertEquals(0, space.readLong(a + PAGE), "a fixed mapping starts zeroed");
        assertThrows(GuestFault.class, () -> space.writeLong(a + PAGE, 1));
        assertEquals(GuestMemory.PROT_READ, machine.protAt(a + PAGE));
        assertEquals(RW, machine.protAt(a + 2 * PAGE));
        assertEquals(3, space.mappings().size());
    }

    @Test
    void fixedMappingsCannotLandOnMemoryTheGuestDoesNotOwn() {
        long jvmMemory = host.memory().allocate(64 * PAGE);
        try {
            long page = (jvmMemory + PAGE) & ~(PAGE - 1);
            assertEquals(-Errno.ENOMEM, space.mmap(page, PAGE, RW, ANON | AddressSpace.MAP_FIXED, -1, 0, null));
            host.memory().putLong(page, 7);
            assertEquals(7, host.memory().getLong(page), "the host's memory is untouched");
        } finally {
            host.memory().free(jvmMemory);
        }
    }

    @Test
    void mprotectChangesAccessAndRejectsUnmappedPages() {
        long a = anon(2 * PAGE, RW);
        assertEquals(0, space.mprotect(a, PAGE, GuestMemory.PROT_READ));
        assertThrows(GuestFault.class, () -> space.writeInt(a, 1));
        space.writeInt(a + PAGE, 1);
        assertEquals(0, space.mprotect(a, PAGE, GuestMemory.PROT_NONE));
        assertNull(machine.protAt(a));
        assertThrows(GuestFault.class, () -> space.readInt(a));
        assertEquals(0, space.mprotect(a, 2 * PAGE, RW));
        assertEquals(RW, machine.protAt(a));
        assertEquals(-Errno.ENOMEM, space.mprotect(a, 3 * PAGE, RW));
        assertEquals(-Errno.EINVAL, space.mprotect(a + 1, PAGE, RW));
    }

    @Test
    void privateFileMappingCopiesTheFileAndZeroFillsTheLastPage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("data");
        Files.writeString(f, "hello mapping");
        int fd = host.openat(Host.AT_FDCWD, f.toString(), 0, 0);
        assertTrue(fd >= 0);
        try {
            long a = space.mmap(0, 2 * PAGE, RW, AddressSpace.MAP_PRIVATE, fd, 0, f.toString());
            assertTrue(a > 0);
            assertEquals("hello mapping", space.readCString(a, 100));
            assertEquals(0, space.readLong(a + PAGE));
            space.writeByte(a, (byte) 'j');
            assertEquals("hello mapping", Files.readString(f), "private writes never reach the file");
            assertEquals(f.toString(), space.mappings().get(0).name());
            Files.delete(f); // Linux keeps a mapped file alive: DONTNEED still reverts to its contents
            assertEquals(0, space.madvise(a, 2 * PAGE, AddressSpace.MADV_DONTNEED));
            assertEquals("hello mapping", space.readCString(a, 100), "DONTNEED reverts private pages to the file");
            // counted by what the fds point at, not how many there are: other JVM threads open and close fds
            host.close(fd);
            fd = -1;
            assertEquals(1, fdsOpenOn(f), "the mapping holds the file");
            assertEquals(0, space.munmap(a, 2 * PAGE));
            assertEquals(0, fdsOpenOn(f), "the last mapping of a file lets it go");
        } finally {
            if (fd >= 0) {
                host.close(fd);
            }
        }
    }

    /** How many of this process's fds are open on {@code file} (deleted or not). */
    private static long fdsOpenOn(Path file) throws IOException {
        String deleted = file + " (deleted)";
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(link -> {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    return target.equals(file.toString()) || target.equals(deleted);
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }

    @Test
    void sharedFileMappingWritesReachTheFileAndReadOnlyFilesCannotBecomeWritable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("shared");
        Files.write(f, new byte[(int) PAGE]);
        int rw = host.openat(Host.AT_FDCWD, f.toString(), 2, 0);
        int ro = host.openat(Host.AT_FDCWD, f.toString(), 0, 0);
        try {
            long a = space.mmap(0, PAGE, RW, AddressSpace.MAP_SHARED, rw, 0, f.toString());
            space.write(a, "shared!".getBytes(StandardCharsets.US_ASCII), 0, 7);
            assertEquals("shared!", new String(Files.readAllBytes(f), 0, 7, StandardCharsets.US_ASCII));
            assertEquals(-Errno.EACCES, space.mmap(0, PAGE, RW, AddressSpace.MAP_SHARED, ro, 0, null));
            long r = space.mmap(0, PAGE, GuestMemory.PROT_READ, AddressSpace.MAP_SHARED, ro, 0, null);
            assertEquals(-Errno.EACCES, space.mprotect(r, PAGE, RW));
        } finally {
            host.close(rw);
            host.close(ro);
        }
    }

    @Test
    void aForkedChildMapsTheSameSharedObjectAndItClosesWithTheLastMapping() {
        long a = space.mmap(0, 3 * PAGE, RW, AddressSpace.MAP_SHARED | AddressSpace.MAP_ANONYMOUS, -1, 0, null);
        assertTrue(a > 0);
        assertEquals(0, space.munmap(a + PAGE, PAGE)); // two parts of one object, the second at offset 2 pages
        Vma second = (Vma) space.mappings().stream().filter(m -> m.start() == a + 2 * PAGE).findFirst().orElseThrow();
        assertEquals(2 * PAGE, second.offset());
        int fd = second.backing().hostFd;
        AddressSpaceImpl child = new AddressSpaceImpl(host, new PageMachine());
        try {
            long spot = child.mmap(0, PAGE, RW, ANON, -1, 0, null);
            assertEquals(0, child.munmap(spot, PAGE)); // an address the child owns, free again
            SharedBacking adopted = child.adoptBacking(host.fcntl(fd, Host.F_DUPFD_CLOEXEC, 3));
            assertEquals(spot, child.mapShared(spot, PAGE, RW, false, adopted, second.offset(), null));
            space.writeLong(a + 2 * PAGE, 77);
            assertEquals(77, child.readLong(spot));
            child.writeLong(spot + 8, 88);
            assertEquals(88, space.readLong(a + 2 * PAGE + 8));
            assertEquals(0, child.munmap(spot, PAGE));
            assertEquals(-Errno.EBADF, host.fcntl(adopted.hostFd, Host.F_GETFD, 0), "closed with its last mapping");
        } finally {
            child.release();
        }
        assertEquals(0, space.munmap(a, 3 * PAGE));
        assertEquals(-Errno.EBADF, host.fcntl(fd, Host.F_GETFD, 0));
    }

    @Test
    void movingSharedMemoryKeepsTheObject() {
        long a = space.mmap(0, PAGE, RW, AddressSpace.MAP_SHARED | AddressSpace.MAP_ANONYMOUS, -1, 0, null);
        long b = space.mmap(0, PAGE, RW, AddressSpace.MAP_SHARED | AddressSpace.MAP_ANONYMOUS, -1, 0, null);
        long alias = space.mremap(a, 0, PAGE, AddressSpace.MREMAP_MAYMOVE | AddressSpace.MREMAP_FIXED, b);
        assertEquals(b, alias, "old size 0: a second mapping of the same object");
        space.writeLong(a, 5);
        assertEquals(5, space.readLong(b));
    }

    @Test
    void brkGrowsAndShrinksTheHeap() {
        long area = anon(64 * PAGE, RW);
        assertEquals(0, space.munmap(area + PAGE, 63 * PAGE)); // still the guest's, now free
        long base = area + PAGE;
        space.initBrk(base);
        assertEquals(base, space.brk(0));
        assertEquals(base + 3 * PAGE + 10, space.brk(base + 3 * PAGE + 10));
        space.writeLong(base + 3 * PAGE, 5);
        assertEquals(base + PAGE, space.brk(base + PAGE));
        assertThrows(GuestFault.class, () -> space.readLong(base + 2 * PAGE));
        assertEquals(base + PAGE, space.brk(base - PAGE), "below the start: unchanged");
        assertEquals("[heap]", space.mappings().get(space.mappings().size() - 1).name());
    }

    @Test
    void mremapGrowsInPlaceOrMovesKeepingContents() {
        long a = anon(16 * PAGE, RW);
        assertEquals(0, space.munmap(a + 2 * PAGE, 14 * PAGE));
        space.writeLong(a, 99);
        long blocker = space.mmap(a + 2 * PAGE, PAGE, RW, ANON | AddressSpace.MAP_FIXED_NOREPLACE, -1, 0, null);
        assertEquals(a + 2 * PAGE, blocker);
        assertEquals(-Errno.ENOMEM, space.mremap(a, 2 * PAGE, 8 * PAGE, 0, 0));
        long moved = space.mremap(a, 2 * PAGE, 8 * PAGE, AddressSpace.MREMAP_MAYMOVE, 0);
        assertTrue(moved > 0 && moved != a);
        assertEquals(99, space.readLong(moved));
        assertFalse(space.isAccessible(a, 1, GuestMemory.PROT_READ));
        assertEquals(moved, space.mremap(moved, 8 * PAGE, PAGE, 0, 0));
        assertFalse(space.isAccessible(moved + PAGE, 1, GuestMemory.PROT_READ));
    }

    @Test
    void compatibleNeighboursMergeSoAGrownMappingShrinksAsOne() {
        long a = anon(16 * PAGE, RW);
        assertEquals(0, space.munmap(a + PAGE, 15 * PAGE));
        assertEquals(a, space.mremap(a, PAGE, 3 * PAGE, 0, 0));
        assertEquals(1, space.mappings().stream().filter(m -> m.start() == a && m.end() == a + 3 * PAGE).count());
        assertEquals(a, space.mremap(a, 3 * PAGE, PAGE, 0, 0));
        assertEquals(0, space.mprotect(a, PAGE, GuestMemory.PROT_READ));
        long b = space.mmap(a + PAGE, PAGE, GuestMemory.PROT_READ, ANON | AddressSpace.MAP_FIXED, -1, 0, null);
        assertEquals(a + PAGE, b);
        assertEquals(1, space.mappings().stream().filter(m -> m.start() == a && m.end() == a + 2 * PAGE).count(),
                "same protection merges; a different one would not");
    }

    @Test
    void madviseDontNeedZeroesPrivateMemory() {
        long a = anon(2 * PAGE, RW);
        space.writeLong(a + PAGE, 1234);
        assertEquals(0, space.madvise(a, 2 * PAGE, AddressSpace.MADV_DONTNEED));
        assertEquals(0, space.readLong(a + PAGE));
        assertEquals(-Errno.EINVAL, space.madvise(a, PAGE, 999));
        assertEquals(-Errno.ENOMEM, space.madvise(a, 3 * PAGE, AddressSpace.MADV_DONTNEED));
    }

    @Test
    void cStringsStopAtTheLimitAndFaultAtTheEndOfTheMapping() {
        long a = anon(PAGE, RW);
        space.fill(a, PAGE, (byte) 'x');
        assertNull(space.readCString(a, 100), "no NUL within the limit");
        assertThrows(GuestFault.class, () -> space.readCString(a, (int) PAGE * 2));
        space.writeCString(a + 10, "abc");
        assertEquals("xxxxxxxxxxabc", space.readCString(a, 100));
    }
}
