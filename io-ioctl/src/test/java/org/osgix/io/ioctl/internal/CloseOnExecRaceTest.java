package org.osgix.io.ioctl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.ioctl.IoctlRequests.FIOCLEX;
import static org.osgix.ioctl.IoctlRequests.FIONCLEX;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.syscall.Errno;

/**
 * FIOCLEX/FIONCLEX racing a close or a close-and-reopen of the same number: the flip must land
 * on the description the handler validated or nowhere (EBADF), never on a newcomer.
 */
class CloseOnExecRaceTest {
    private final PosixHost host = new PosixHost();
    private final RacingFdTable table = new RacingFdTable(IoctlGuest.newTable(host));
    private final IoctlGuest guest = new IoctlGuest(host, table, Map.of(), false);

    @AfterEach
    void stop() {
        guest.close();
    }

    private int openDirectory(boolean cloexec) {
        return guest.open("/", OpenFile.O_RDONLY | OpenFile.O_DIRECTORY | (cloexec ? OpenFile.O_CLOEXEC : 0),
            FileKind.DIRECTORY);
    }

    /** Arms the race: the number is closed and reopened with {@code cloexec} before the flip. */
    private void reopenBeforeTheFlip(int fd, boolean cloexec) {
        table.beforeFlagChange(() -> {
            assertEquals(0, table.close(fd));
            assertEquals(fd, openDirectory(cloexec), "the reopen takes the lowest free number");
        });
    }

    @Test
    void aReopenBetweenValidationAndFioclexIsEbadfAndLeavesTheNewcomerAlone() {
        int fd = openDirectory(false);
        long validated = table.get(fd).generation();
        reopenBeforeTheFlip(fd, false);
        assertEquals(-Errno.EBADF, guest.ioctl(fd, FIOCLEX, 0));
        FdSnapshot now = table.get(fd);
        assertNotEquals(validated, now.generation(), "a different allocation holds the number");
        assertFalse(now.cloexec(), "the newcomer keeps the flag it was opened with");
    }

    @Test
    void aReopenBetweenValidationAndFionclexIsEbadfAndLeavesTheNewcomerAlone() {
        int fd = openDirectory(false);
        assertEquals(0, guest.ioctl(fd, FIOCLEX, 0));
        reopenBeforeTheFlip(fd, true);
        assertEquals(-Errno.EBADF, guest.ioctl(fd, FIONCLEX, 0));
        assertTrue(table.get(fd).cloexec());
    }

    @Test
    void aCloseBetweenValidationAndTheFlipIsEbadf() {
        int fd = openDirectory(false);
        table.beforeFlagChange(() -> table.close(fd));
        assertEquals(-Errno.EBADF, guest.ioctl(fd, FIOCLEX, 0));
        assertNull(table.get(fd));
    }

    @Test
    void aFlagChangeByAnotherThreadOnTheSameAllocationIsNotARace() {
        int fd = openDirectory(false);
        // fcntl(F_SETFD) on the same descriptor keeps the allocation: the flip still applies
        table.beforeFlagChange(() -> guest.fds.get(fd)); // no change of allocation
        assertEquals(0, guest.ioctl(fd, FIOCLEX, 0));
        assertTrue(table.get(fd).cloexec());
    }

    /** The scenario has teeth: a handler that flips by number alone changes the newcomer's flag. */
    @Test
    void aNaiveFlipByNumberWouldChangeTheNewcomer() {
        IoctlRegistrations naive = new IoctlRegistrations(guest.framework.context(), 1)
            .add("FIOCLEX", (call, descriptor, request, arg) -> call.fds().setCloexec(descriptor.fd(), true), FIOCLEX);
        int fd = openDirectory(false);
        reopenBeforeTheFlip(fd, false);
        assertEquals(0, guest.ioctl(fd, FIOCLEX, 0));
        assertTrue(table.get(fd).cloexec(), "the naive handler flipped a file it never validated");
        naive.close();
    }

    /**
     * Real threads: one flips number N while another keeps replacing it with O_PATH descriptors
     * (which ioctl must never touch) and directories. An O_PATH allocation must keep the flag it
     * was installed with for as long as it holds the number.
     */
    @Test
    void concurrentFlipsNeverReachADescriptionTheyDidNotValidate() throws InterruptedException {
        int pathCloexec = guest.open("/", OpenFile.O_PATH | OpenFile.O_CLOEXEC, FileKind.PATH);
        int pathPlain = guest.open("/", OpenFile.O_PATH, FileKind.PATH);
        int directory = openDirectory(false);
        int n = 100;
        assertEquals(n, table.dup2(directory, n, false, false));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flips = new AtomicLong();
        AtomicLong oddResults = new AtomicLong();
        Thread flipper = new Thread(() -> {
            for (long i = 0; !stop.get(); i++) {
                long r = guest.ioctl(n, (i & 1) == 0 ? FIOCLEX : FIONCLEX, 0);
                if (r == 0) {
                    flips.incrementAndGet();
                } else if (r != -Errno.EBADF) {
                    oddResults.incrementAndGet();
                }
            }
        });
        flipper.start();
        int violations = 0;
        int checks = 0;
        try {
            for (int round = 0; round < 30_000; round++) {
                switch (round % 4) {
                    case 0 -> table.dup2(pathCloexec, n, true, true);
                    case 2 -> table.dup2(pathPlain, n, false, false);
                    default -> table.dup2(directory, n, round % 8 == 1, false);
                }
                if (round % 2 == 0) {
                    FdSnapshot installed = table.get(n);
                    boolean given = round % 4 == 0;
                    Thread.onSpinWait();
                    FdSnapshot later = table.get(n);
                    checks++;
                    if (installed.cloexec() != given
                        || later.generation() == installed.generation() && later.cloexec() != given) {
                        violations++;
                    }
                }
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertEquals(15_000, checks);
        assertEquals(0, violations, "O_PATH descriptors whose flag a racing flip changed");
        assertEquals(0, oddResults.get());
        assertTrue(flips.get() > 0, "the flipper succeeded on directories");
    }
}
