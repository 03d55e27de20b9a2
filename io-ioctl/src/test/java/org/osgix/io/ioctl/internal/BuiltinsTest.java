package org.osgix.io.ioctl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.ioctl.IoctlRequests.FIOASYNC;
import static org.osgix.ioctl.IoctlRequests.FIOCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONBIO;
import static org.osgix.ioctl.IoctlRequests.FIONCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONREAD;
import static org.osgix.ioctl.IoctlRequests.TCFLSH;
import static org.osgix.ioctl.IoctlRequests.TCGETS;
import static org.osgix.ioctl.IoctlRequests.TCSETS;
import static org.osgix.ioctl.IoctlRequests.TCSETSF;
import static org.osgix.ioctl.IoctlRequests.TCSETSW;
import static org.osgix.ioctl.IoctlRequests.TIOCGPGRP;
import static org.osgix.ioctl.IoctlRequests.TIOCGPTLCK;
import static org.osgix.ioctl.IoctlRequests.TIOCGPTN;
import static org.osgix.ioctl.IoctlRequests.TIOCGSID;
import static org.osgix.ioctl.IoctlRequests.TIOCGWINSZ;
import static org.osgix.ioctl.IoctlRequests.TIOCOUTQ;
import static org.osgix.ioctl.IoctlRequests.TIOCNOTTY;
import static org.osgix.ioctl.IoctlRequests.TIOCSCTTY;
import static org.osgix.ioctl.IoctlRequests.TIOCSPGRP;
import static org.osgix.ioctl.IoctlRequests.TIOCSPTLCK;
import static org.osgix.ioctl.IoctlRequests.TIOCSWINSZ;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/** The built-in requests over the real host. */
class BuiltinsTest {
    private final IoctlGuest guest = new IoctlGuest();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        guest.close();
    }

    private int hostFlags(int fd) {
        return guest.host.fcntl(guest.file(fd).hostFd(), Host.F_GETFL, 0);
    }

    @Test
    void fionbioSetsTheDescriptionAndTheHostFdSharedByEveryDup() {
        int[] pipe = guest.pipe();
        int copy = guest.fds.dup(pipe[0], 0, false);
        assertEquals(0, guest.ioctl(pipe[0], FIONBIO, guest.intCell(1)));
        assertEquals(OpenFile.O_NONBLOCK, guest.file(copy).statusFlags() & OpenFile.O_NONBLOCK);
        assertEquals(OpenFile.O_NONBLOCK, hostFlags(pipe[0]) & OpenFile.O_NONBLOCK);
        long buf = guest.alloc(8);
        assertEquals(-Errno.EAGAIN, guest.host.read(guest.file(copy).hostFd(), buf, 1), "the host fd does not block");

        assertEquals(0, guest.ioctl(copy, FIONBIO, guest.intCell(0)));
        assertEquals(0, guest.file(pipe[0]).statusFlags() & OpenFile.O_NONBLOCK);
        assertEquals(0, hostFlags(pipe[0]) & OpenFile.O_NONBLOCK);
        assertEquals(0, guest.file(pipe[1]).statusFlags() & OpenFile.O_NONBLOCK, "the other end is untouched");

        assertEquals(0, guest.ioctl(pipe[0], FIONBIO, guest.intCell(-7)), "any non-zero int means on");
        assertEquals(OpenFile.O_NONBLOCK, hostFlags(pipe[0]) & OpenFile.O_NONBLOCK);
    }

    @Test
    void fionbioWithABadPointerIsEfaultAndChangesNothing() {
        int[] pipe = guest.pipe();
        assertEquals(-Errno.EFAULT, guest.ioctl(pipe[0], FIONBIO, guest.unmapped()));
        long writeOnly = guest.memory.end() - GuestMemory.PAGE_SIZE;
        guest.memory.protect(writeOnly, GuestMemory.PAGE_SIZE, GuestMemory.PROT_WRITE);
        assertEquals(-Errno.EFAULT, guest.ioctl(pipe[0], FIONBIO, writeOnly), "the int must be readable");
        assertEquals(0, guest.file(pipe[0]).statusFlags() & OpenFile.O_NONBLOCK);
    }

    @Test
    void fionbioOnADescriptionWithoutHostFdChangesTheDescription() {
        int fd = guest.fds.open(FileKind.EVENTFD, -1, OpenFile.O_RDWR, "anon_inode:[eventfd]", null, false);
        assertEquals(0, guest.ioctl(fd, FIONBIO, guest.intCell(1)));
        assertEquals(OpenFile.O_NONBLOCK | OpenFile.O_RDWR, guest.file(fd).statusFlags());
    }

    @Test
    void fioasyncIsRecordedOnlyWhereLinuxNotifiesAndNeverReachesTheHost() {
        int[] pipe = guest.pipe();
        assertEquals(0, guest.ioctl(pipe[0], FIOASYNC, guest.intCell(1)));
        assertEquals(OpenFile.O_ASYNC, guest.file(pipe[0]).statusFlags() & OpenFile.O_ASYNC);
        assertEquals(0, hostFlags(pipe[0]) & OpenFile.O_ASYNC, "no SIGIO for the JVM");
        assertEquals(0, guest.ioctl(pipe[0], FIOASYNC, guest.intCell(0)));
        assertEquals(0, guest.file(pipe[0]).statusFlags() & OpenFile.O_ASYNC);

        int file = guest.open("/proc/self/exe", OpenFile.O_RDONLY, FileKind.REGULAR);
        assertEquals(-Errno.ENOTTY, guest.ioctl(file, FIOASYNC, guest.intCell(1)));
        assertEquals(0, guest.file(file).statusFlags() & OpenFile.O_ASYNC);
        assertEquals(0, guest.ioctl(file, FIOASYNC, guest.intCell(0)), "no change: no error");
        assertEquals(-Errno.EFAULT, guest.ioctl(pipe[0], FIOASYNC, guest.unmapped()));
    }

    @Test
    void cloexecRequestsFlipOnlyTheDescriptorsFlag() {
        int[] pipe = guest.pipe();
        int copy = guest.fds.dup(pipe[0], 0, false);
        assertEquals(0, guest.ioctl(copy, FIOCLEX, guest.unmapped()), "the argument is not used");
        assertTrue(guest.cloexec(copy));
        assertEquals(false, guest.cloexec(pipe[0]));
        assertEquals(0, guest.ioctl(copy, FIONCLEX, 0));
        assertEquals(false, guest.cloexec(copy));
    }

    @Test
    void fionreadOnARegularFileIsSizeMinusOffset() throws Exception {
        Path data = dir.resolve("data");
        Files.writeString(data, "hello world");
        int fd = guest.open(data.toString(), OpenFile.O_RDONLY, FileKind.REGULAR);
        long cell = guest.alloc(4);
        assertEquals(0, guest.ioctl(fd, FIONREAD, cell));
        assertEquals(11, guest.memory.readInt(cell));
        guest.host.lseek(guest.file(fd).hostFd(), 3, 0);
        assertEquals(0, guest.ioctl(fd, FIONREAD, cell));
        assertEquals(8, guest.memory.readInt(cell));
        guest.host.lseek(guest.file(fd).hostFd(), 100, 0);
        assertEquals(0, guest.ioctl(fd, FIONREAD, cell));
        assertEquals(-89, guest.memory.readInt(cell), "negative past the end, as on Linux");
        assertEquals(-Errno.EFAULT, guest.ioctl(fd, FIONREAD, guest.unmapped()));
        long readOnly = guest.memory.end() - GuestMemory.PAGE_SIZE;
        guest.memory.protect(readOnly, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ);
        assertEquals(-Errno.EFAULT, guest.ioctl(fd, FIONREAD, readOnly), "the int must be writable");
    }

    @Test
    void fionreadOnOtherKindsIsTheHostsAnswer() {
        int[] pipe = guest.pipe();
        long cell = guest.alloc(4);
        long text = guest.alloc(8);
        guest.memory.write(text, "hello".getBytes(), 0, 5);
        assertEquals(5, guest.host.write(guest.file(pipe[1]).hostFd(), text, 5));
        assertEquals(0, guest.ioctl(pipe[0], FIONREAD, cell));
        assertEquals(5, guest.memory.readInt(cell));
        assertEquals(0, guest.ioctl(pipe[1], FIONREAD, cell), "the write end sees the same queue");
        assertEquals(5, guest.memory.readInt(cell));
        assertEquals(-Errno.EFAULT, guest.ioctl(pipe[0], FIONREAD, guest.unmapped()));

        int directory = guest.open("/", OpenFile.O_RDONLY | OpenFile.O_DIRECTORY, FileKind.DIRECTORY);
        assertEquals(-Errno.ENOTTY, guest.ioctl(directory, FIONREAD, cell));
        assertEquals(-Errno.ENOTTY, guest.ioctl(directory, FIONREAD, guest.unmapped()),
            "unsupported beats a bad pointer");
        int nul = guest.open("/dev/null", OpenFile.O_RDONLY, FileKind.CHARACTER_DEVICE);
        assertEquals(-Errno.ENOTTY, guest.ioctl(nul, FIONREAD, cell));
    }

    @Test
    void terminalRequestsOnAPipeAreEnottyEvenWithBadPointers() {
        int[] pipe = guest.pipe();
        long big = guest.alloc(64);
        for (long request : new long[] {TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP,
                TIOCSPGRP, TIOCGSID, TIOCOUTQ, TIOCGPTN, TIOCSPTLCK, TIOCGPTLCK}) {
            String name = Long.toHexString(request);
            assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], request, big), name);
            assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], request, guest.unmapped()), name);
        }
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], TIOCSCTTY, 0));
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], TIOCNOTTY, 0));
        assertEquals(-Errno.ENOTTY, guest.ioctl(pipe[0], TCFLSH, 2));
        int noHostFd = guest.fds.open(FileKind.TTY, -1, OpenFile.O_RDWR, "emulated", null, false);
        assertEquals(-Errno.ENOTTY, guest.ioctl(noHostFd, TCGETS, big));
    }

    @Test
    void aPseudoTerminalServesTheTerminalRequests() {
        int master = guest.open("/dev/ptmx", OpenFile.O_RDWR | OpenFile.O_NOCTTY, FileKind.TTY);
        long cell = guest.intCell(-1);
        assertEquals(0, guest.ioctl(master, TIOCGPTN, cell));
        int number = guest.memory.readInt(cell);
        assertTrue(number >= 0);
        assertEquals(0, guest.ioctl(master, TIOCSPTLCK, guest.intCell(0)));
        assertEquals(0, guest.ioctl(master, TIOCGPTLCK, cell));
        assertEquals(0, guest.memory.readInt(cell), "unlocked");
        int slave = guest.open("/dev/pts/" + number, OpenFile.O_RDWR | OpenFile.O_NOCTTY, FileKind.TTY);

        // TCGETS writes exactly the kernel's 36-byte termios
        long termios = guest.alloc(64);
        guest.memory.fill(termios, 64, (byte) 0x5a);
        assertEquals(0, guest.ioctl(slave, TCGETS, termios));
        for (int i = TerminalIoctls.TERMIOS_SIZE; i < 64; i++) {
            assertEquals(0x5a, guest.memory.readByte(termios + i), "byte " + i + " after the termios");
        }
        int lflag = guest.memory.readInt(termios + 12);
        int echo = 0x8;
        assertTrue((lflag & echo) != 0);
        guest.memory.writeInt(termios + 12, lflag & ~echo);
        assertEquals(0, guest.ioctl(slave, TCSETS, termios));
        long back = guest.alloc(64);
        assertEquals(0, guest.ioctl(slave, TCGETS, back));
        assertEquals(lflag & ~echo, guest.memory.readInt(back + 12));

        // a termios on a read-only page is fine for TCSETS, not for TCGETS
        long readOnly = guest.memory.end() - GuestMemory.PAGE_SIZE;
        guest.memory.write(readOnly, new byte[36], 0, 36);
        guest.ioctl(slave, TCGETS, readOnly);
        guest.memory.protect(readOnly, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ);
        assertEquals(0, guest.ioctl(slave, TCSETSW, readOnly));
        assertEquals(-Errno.EFAULT, guest.ioctl(slave, TCGETS, readOnly));

        long winsize = guest.alloc(8);
        guest.memory.writeLong(winsize, 24L | 80L << 16);
        assertEquals(0, guest.ioctl(master, TIOCSWINSZ, winsize));
        long seen = guest.alloc(8);
        assertEquals(0, guest.ioctl(slave, TIOCGWINSZ, seen));
        assertEquals(24L | 80L << 16, guest.memory.readLong(seen));

        long bad = guest.unmapped();
        assertEquals(-Errno.EFAULT, guest.ioctl(slave, TCGETS, bad));
        assertEquals(-Errno.EFAULT, guest.ioctl(slave, TCSETS, bad));
        assertEquals(-Errno.EFAULT, guest.ioctl(slave, TIOCSWINSZ, bad));
        assertEquals(-Errno.EFAULT, guest.ioctl(slave, TIOCSPGRP, bad), "a terminal: the pointer is read first");
        assertEquals(-Errno.ENOTTY, guest.ioctl(slave, TIOCGPGRP, bad), "not our controlling terminal");
        assertEquals(-Errno.EFAULT, guest.ioctl(master, TIOCGPTN, bad));
        assertEquals(-Errno.EFAULT, guest.ioctl(master, TIOCSPTLCK, bad));
        assertEquals(-Errno.ENOTTY, guest.ioctl(slave, TIOCSPTLCK, bad), "only a master has the lock");
        assertEquals(0, guest.ioctl(slave, TCFLSH, 2));
    }

    @Test
    void theBuiltinsAreOrdinaryServicesForEveryKind() {
        IoctlWhiteboard board = guest.whiteboard;
        Set<Long> served = Set.of(FIONBIO, FIOCLEX, FIONCLEX, FIOASYNC, FIONREAD, TCGETS, TCSETS, TCSETSW, TCSETSF,
            TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCOUTQ, TIOCSCTTY, TCFLSH, TIOCGPTN,
            TIOCGPTLCK, TIOCSPTLCK, TIOCNOTTY);
        for (long request : served) {
            for (FileKind kind : FileKind.values()) {
                assertTrue(board.lookup(request, kind) != null, Long.toHexString(request) + " on " + kind);
            }
        }
    }
}
