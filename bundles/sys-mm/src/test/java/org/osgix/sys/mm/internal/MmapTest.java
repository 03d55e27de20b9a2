package org.osgix.sys.mm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeFdTable;
import org.osgix.test.support.FakeFdTable.FakeFile;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.RecordingAddressSpace;

/** Expected results come from the same calls made natively on Linux 6.18 x86_64. */
class MmapTest {
    private static final int R = 1, RW = 3;
    private static final int SHARED = AddressSpace.MAP_SHARED, PRIVATE = AddressSpace.MAP_PRIVATE,
        ANON = AddressSpace.MAP_ANONYMOUS, FIXED = AddressSpace.MAP_FIXED, NOREPLACE = AddressSpace.MAP_FIXED_NOREPLACE;
    /** The descriptors the tables below use. */
    private static final int RDONLY = 3, WRONLY = 4, RDWR = 5, DIR = 6, PATH = 7, PIPE_READ = 8, PIPE_WRITE = 9,
        EVENTFD = 10, EPOLL = 11, SOCKET = 12, TTY = 13, DEV_ZERO = 14, SYNTHETIC = 15;
    private static final long MAPPED = 0x7f0000000000L;

    private final RecordingAddressSpace space = new RecordingAddressSpace();
    private final FakeFdTable files = new FakeFdTable();
    private final FakeCall call = new FakeCall(new FakeProcess(1, space, files));
    private final Mmap mmap = new Mmap();

    MmapTest() {
        space.setResult(MAPPED);
        files.put(RDONLY, FileKind.REGULAR, OpenFile.O_RDONLY, 103, "/etc/passwd");
        files.put(WRONLY, FileKind.REGULAR, OpenFile.O_WRONLY, 104, "/tmp/w");
        files.put(RDWR, FileKind.REGULAR, OpenFile.O_RDWR, 105, "/tmp/rw");
        files.put(DIR, FileKind.DIRECTORY, OpenFile.O_RDONLY | OpenFile.O_DIRECTORY, 106, "/tmp");
        files.put(PATH, FileKind.PATH, OpenFile.O_PATH, 107, "/etc/passwd");
        files.put(PIPE_READ, FileKind.PIPE, OpenFile.O_RDONLY, 108, "pipe:[1]");
        files.put(PIPE_WRITE, FileKind.PIPE, OpenFile.O_WRONLY, 109, "pipe:[1]");
        files.put(EVENTFD, FileKind.EVENTFD, OpenFile.O_RDWR, 110, "anon_inode:[eventfd]");
        files.put(EPOLL, FileKind.EPOLL, OpenFile.O_RDWR, -1, "anon_inode:[eventpoll]");
        files.put(SOCKET, FileKind.SOCKET, OpenFile.O_RDWR, 112, "socket:[2]");
        files.put(TTY, FileKind.TTY, OpenFile.O_RDWR, 113, "/dev/tty");
        files.put(DEV_ZERO, FileKind.CHARACTER_DEVICE, OpenFile.O_RDWR, 114, "/dev/zero");
        files.put(SYNTHETIC, FileKind.REGULAR, OpenFile.O_RDONLY, -1, "/proc/self/maps");
    }

    private long map(long addr, long len, int prot, int flags, int fd, long offset) {
        return call.invoke(mmap::mmap, addr, len, prot, flags, fd, offset);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "anon len 0,                     0, 0,          3, 0x22,     -1, 0, -22",
        "anon offset unaligned,          0, 4096,       3, 0x22,     -1, 1, -22",
        "anon type 0,                    0, 4096,       3, 0x20,     -1, 0, -22",
        "anon MAP_SHARED_VALIDATE,       0, 4096,       3, 0x23,     -1, 0, -22",
        "anon type 4,                    0, 4096,       3, 0x24,     -1, 0, -22",
        "anon len -1,                    0, -1,         3, 0x22,     -1, 0, -12",
        "anon len 1<<47,                 0, 0x800000000000, 3, 0x22, -1, 0, -12",
        "anon fixed unaligned,           0x10000001, 4096, 3, 0x32,  -1, 0, -22",
        "anon shared growsdown,          0, 4096,       3, 0x121,    -1, 0, -22",
        "file bad fd with len 0,         0, 0,          3, 0x2,      99, 0, -9",
        "file bad fd with bad offset,    0, 4096,       3, 0x2,      99, 1, -22",
        "file bad fd with type 0,        0, 4096,       3, 0x0,      99, 0, -9",
        "O_PATH fd,                      0, 4096,       1, 0x2,      7, 0, -9",
        "read-only shared writable,      0, 4096,       3, 0x1,      3, 0, -13",
        "read-only validate writable,    0, 4096,       3, 0x3,      3, 0, -13",
        "validate unknown flag,          0, 4096,       1, 0x400003, 3, 0, -95",
        "validate unknown flag writable, 0, 4096,       3, 0x400003, 3, 0, -95",
        "validate fixed-noreplace,       0, 4096,       1, 0x100003, 3, 0, -95",
        "validate MAP_SYNC,              0, 4096,       1, 0x80003,  3, 0, -95",
        "file type 0,                    0, 4096,       1, 0x0,      3, 0, -22",
        "file hugetlb,                   0, 4096,       1, 0x40002,  3, 0, -22",
        "file hugetlb len 0,             0, 0,          1, 0x40002,  3, 0, -22",
        "file growsdown,                 0, 4096,       1, 0x102,    3, 0, -22",
        "write-only private,             0, 4096,       1, 0x2,      4, 0, -13",
        "write-only shared writable,     0, 4096,       2, 0x1,      4, 0, -13",
        "offset overflow,                0, 8192,       1, 0x1,      5, 0x7ffffffffffff000, -75",
        "directory,                      0, 4096,       1, 0x2,      6, 0, -19",
        "pipe read end,                  0, 4096,       1, 0x2,      8, 0, -19",
        "pipe write end,                 0, 4096,       1, 0x2,      9, 0, -13",
        "eventfd,                        0, 4096,       1, 0x2,      10, 0, -19",
        "epoll,                          0, 4096,       1, 0x2,      11, 0, -19",
        "socket,                         0, 4096,       1, 0x2,      12, 0, -19",
        "tty,                            0, 4096,       1, 0x2,      13, 0, -19",
        "file without a host fd,         0, 4096,       1, 0x2,      15, 0, -19",
    })
    void refusesWhatLinuxRefuses(String what, long addr, long len, int prot, int flags, int fd, long offset,
            long errno) {
        assertEquals(errno, map(addr, len, prot, flags, fd, offset), what);
        assertEquals("none", space.lastCall(), "the address space was not asked");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "anon private,                  0x22,     -1, 'mmap(0x0, 4096, 3, 0x22, -1, 0, null)'",
        "anon ignores a bad fd,         0x22,     99, 'mmap(0x0, 4096, 3, 0x22, -1, 0, null)'",
        "anon shared,                   0x21,     -1, 'mmap(0x0, 4096, 3, 0x21, -1, 0, null)'",
        "anon private with unknown flag,0x400022, -1, 'mmap(0x0, 4096, 3, 0x400022, -1, 0, null)'",
        "read-only private writable,    0x2,      3,  'mmap(0x0, 4096, 3, 0x2, 103, 0, /etc/passwd)'",
        "read-write shared writable,    0x1,      5,  'mmap(0x0, 4096, 3, 0x1, 105, 0, /tmp/rw)'",
        "validate becomes shared,       0x3,      5,  'mmap(0x0, 4096, 3, 0x1, 105, 0, /tmp/rw)'",
        "shared drops unknown flags,    0x400001, 5,  'mmap(0x0, 4096, 3, 0x1, 105, 0, /tmp/rw)'",
        "shared keeps fixed-noreplace,  0x100001, 5,  'mmap(0x0, 4096, 3, 0x100001, 105, 0, /tmp/rw)'",
        "/dev/zero,                     0x2,      14, 'mmap(0x0, 4096, 3, 0x2, 114, 0, /dev/zero)'",
    })
    void passesValidMappingsToTheAddressSpace(String what, int flags, int fd, String expectedCall) {
        assertEquals(MAPPED, map(0, 4096, RW, flags, fd, 0), what);
        assertEquals(expectedCall, space.lastCall());
    }

    @Test
    void readOnlySharedMappingWithoutWriteIsFine() {
        assertEquals(MAPPED, map(0, 10000, R, SHARED, RDONLY, 8192));
        assertEquals("mmap(0x0, 10000, 1, 0x1, 103, 8192, /etc/passwd)", space.lastCall());
    }

    @Test
    void unknownProtectionBitsAreIgnored() {
        assertEquals(MAPPED, map(0, 4096, 0x100 | RW | 8, PRIVATE | ANON, -1, 0));
        assertEquals("mmap(0x0, 4096, 3, 0x22, -1, 0, null)", space.lastCall());
    }

    @Test
    void theFileStaysPinnedWhileTheAddressSpaceMapsIt() {
        FakeFile file = files.put(20, FileKind.REGULAR, OpenFile.O_RDWR, 120, "/data");
        int[] pinsSeen = {-1};
        space.setDuringMmap(() -> pinsSeen[0] = file.pins());
        assertEquals(MAPPED, map(0, 4096, RW, SHARED, 20, 0));
        assertEquals(1, pinsSeen[0]);
        assertEquals(0, file.pins());
        assertEquals(1, file.pinsTaken());
    }

    @Test
    void theFileIsUnpinnedWhenTheMappingIsRefused() {
        FakeFile file = files.put(21, FileKind.REGULAR, OpenFile.O_RDONLY, 121, "/ro");
        assertEquals(-Errno.EACCES, map(0, 4096, RW, SHARED, 21, 0));
        assertEquals(-Errno.EINVAL, map(0, 0, R, PRIVATE, 21, 0));
        assertEquals(2, file.pinsTaken());
        assertEquals(0, file.pins());
        space.setResult(-Errno.ENOMEM);
        assertEquals(-Errno.ENOMEM, map(0, 4096, R, PRIVATE, 21, 0));
        assertEquals(0, file.pins());
    }

    @Test
    void aDescriptionClosedUnderTheCallIsEbadf() {
        FakeFile file = files.put(22, FileKind.REGULAR, OpenFile.O_RDONLY, 122, "/gone");
        file.release();
        assertEquals(-Errno.EBADF, map(0, 4096, R, PRIVATE, 22, 0));
        assertEquals("none", space.lastCall());
    }

    @Test
    void fixedMappingsPassTheirAddress() {
        assertEquals(MAPPED, map(0x20000000L, 4096, RW, PRIVATE | ANON | FIXED, -1, 0));
        assertEquals("mmap(0x20000000, 4096, 3, 0x32, -1, 0, null)", space.lastCall());
        assertEquals(-Errno.EINVAL, map(0x20000010L, 4096, RW, PRIVATE | ANON | NOREPLACE, -1, 0));
    }
}
