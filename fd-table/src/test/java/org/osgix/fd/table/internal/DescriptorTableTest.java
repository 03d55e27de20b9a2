package org.osgix.fd.table.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.HostFds;

/** The Linux descriptor-table contract, on real host fds. */
class DescriptorTableTest {
    final Host host = new PosixHost();
    final FdTable table = new LinuxFdTableFactory(host).newTable(1024);
    final List<FdTable> otherTables = new ArrayList<>();
    int eventFdsBefore;

    @BeforeEach
    void countHostFds() {
        eventFdsBefore = HostFds.eventFdCount();
    }

    @AfterEach
    void nothingLeaks() {
        table.closeAll();
        otherTables.forEach(FdTable::closeAll);
        assertEquals(0, table.size());
        assertEquals(eventFdsBefore, HostFds.eventFdCount(), "host eventfds leaked");
    }

    int openEventFd(boolean cloexec) {
        return table.open(FileKind.EVENTFD, HostFds.eventFd(host), OpenFile.O_RDWR, "anon_inode:[eventfd]", null, cloexec);
    }

    int hostFdOf(int fd) {
        return table.get(fd).file().hostFd();
    }

    @Test
    void allocatesTheLowestFreeNumber() {
        assertEquals(0, openEventFd(false));
        assertEquals(1, openEventFd(false));
        assertEquals(2, openEventFd(false));
        assertEquals(0, table.close(1));
        assertEquals(1, openEventFd(false));
        assertEquals(3, table.dup(0, 0, false));
        assertEquals(0, table.close(0));
        assertEquals(0, table.dup(2, 0, false));
        assertEquals(4, table.size());
    }

    @Test
    void dupSharesTheDescriptionAndItsStatusFlagsWithoutAHostDup() {
        int fd = openEventFd(false);
        int hostCount = host.openFdCount();
        int copy = table.dup(fd, 0, false);
        assertEquals(1, copy);
        assertEquals(hostCount, host.openFdCount(), "dup never dups a host fd");
        OpenFile file = table.get(fd).file();
        assertSame(file, table.get(copy).file());
        assertEquals(OpenFile.O_RDWR | OpenFile.O_NONBLOCK, file.updateStatusFlags(OpenFile.O_NONBLOCK, OpenFile.O_NONBLOCK));
        assertEquals(OpenFile.O_RDWR | OpenFile.O_NONBLOCK, table.get(copy).file().statusFlags());
        assertEquals(OpenFile.O_RDWR | OpenFile.O_APPEND,
            table.get(copy).file().updateStatusFlags(OpenFile.O_NONBLOCK | OpenFile.O_APPEND, OpenFile.O_APPEND));
        assertEquals(OpenFile.O_RDWR | OpenFile.O_APPEND, file.statusFlags());
    }

    @Test
    void dupHonoursTheMinimumLikeFDupfd() {
        int fd = openEventFd(false);
        assertEquals(10, table.dup(fd, 10, false));
        assertEquals(11, table.dup(fd, 10, true));
        assertTrue(table.get(11).cloexec());
        assertEquals(1, table.dup(fd, 0, false));
    }

    @Test
    void dup2ReplacesAtomicallyAndClosesTheReplacedHostFd() {
        int a = openEventFd(false);
        int b = openEventFd(true);
        int hostB = hostFdOf(b);
        long generationBefore = table.get(b).generation();
        assertEquals(b, table.dup2(a, b, false, false));
        assertSame(table.get(a).file(), table.get(b).file());
        assertFalse(table.get(b).cloexec(), "dup2 clears close-on-exec on the new descriptor");
        assertTrue(table.get(b).generation() > generationBefore, "a replacement is a new allocation");
        assertFalse(HostFds.isOpen(host, hostB), "the replaced description had no other reference");
        assertEquals(2, table.size());
    }

    @Test
    void dup2KeepsTheReplacedHostFdWhileAnotherDescriptorUsesIt() {
        int a = openEventFd(false);
        int b = openEventFd(false);
        int c = table.dup(b, 0, false);
        int hostB = hostFdOf(b);
        assertEquals(b, table.dup2(a, b, true, true));
        assertTrue(table.get(b).cloexec(), "dup3 with O_CLOEXEC");
        assertTrue(HostFds.isOpen(host, hostB));
        assertEquals(hostB, hostFdOf(c));
        assertEquals(0, table.close(c));
        assertFalse(HostFds.isOpen(host, hostB));
    }

    @Test
    void dup2OntoANewNumberFillsThatSlot() {
        int a = openEventFd(false);
        assertEquals(40, table.dup2(a, 40, false, false));
        assertSame(table.get(a).file(), table.get(40).file());
        assertEquals(1, openEventFd(false), "lowest-free still finds 1");
        assertEquals(3, table.size());
    }

    @Test
    void dup2AndDup3OfTheSameNumber() {
        int fd = openEventFd(true);
        long generation = table.get(fd).generation();
        assertEquals(fd, table.dup2(fd, fd, false, false));
        assertEquals(generation, table.get(fd).generation(), "dup2(fd, fd) changes nothing");
        assertTrue(table.get(fd).cloexec());
        assertEquals(-Errno.EINVAL, table.dup2(fd, fd, false, true));
        assertEquals(-Errno.EBADF, table.dup2(7, 7, false, false));
        assertEquals(-Errno.EINVAL, table.dup2(7, 7, false, true), "dup3 checks equality before validity");
    }

    @Test
    void badDescriptorsGiveEbadf() {
        int fd = openEventFd(false);
        assertEquals(-Errno.EBADF, table.close(5));
        assertEquals(-Errno.EBADF, table.close(-1));
        assertEquals(-Errno.EBADF, table.close(Integer.MAX_VALUE));
        assertEquals(-Errno.EBADF, table.dup(-1, 0, false));
        assertEquals(-Errno.EBADF, table.dup(5, 0, false));
        assertEquals(-Errno.EBADF, table.dup(5, 1000, false), "EBADF is checked before the minimum");
        assertEquals(-Errno.EBADF, table.dup2(5, 3, false, false));
        assertEquals(-Errno.EBADF, table.dup2(-3, 3, false, true));
        assertEquals(-Errno.EBADF, table.setCloexec(5, true));
        assertEquals(-Errno.EBADF, table.setCloexec(-1, true));
        assertNull(table.get(-1));
        assertNull(table.get(5));
        assertNull(table.get(Integer.MAX_VALUE));
        assertNull(table.get(Integer.MIN_VALUE));
        assertEquals(0, table.close(fd));
        assertEquals(-Errno.EBADF, table.close(fd), "closing twice");
    }

    @Test
    void limitRulesMatchLinux() {
        FdTable small = new LinuxFdTableFactory(host).newTable(4);
        otherTables.add(small);
        for (int i = 0; i < 4; i++) {
            assertEquals(i, small.open(FileKind.EVENTFD, HostFds.eventFd(host), 0, null, null, false));
        }
        int handedIn = HostFds.eventFd(host);
        assertEquals(-Errno.EMFILE, small.open(FileKind.EVENTFD, handedIn, 0, null, null, false));
        assertFalse(HostFds.isOpen(host, handedIn), "a failed open closes the host fd it was given");
        assertEquals(-Errno.EMFILE, small.dup(0, 0, false));
        assertEquals(-Errno.EMFILE, small.dup(0, 3, false));
        assertEquals(-Errno.EINVAL, small.dup(0, 4, false));
        assertEquals(-Errno.EINVAL, small.dup(0, -1, false));
        assertEquals(-Errno.EBADF, small.dup(9, 4, false));
        OpenFile file = small.get(0).file();
        assertEquals(-Errno.EMFILE, small.install(file, 0, false));
        assertEquals(-Errno.EINVAL, small.install(file, 4, false));
        assertEquals(-Errno.EBADF, small.dup2(0, 4, false, false));
        assertEquals(-Errno.EBADF, small.dup2(0, -1, false, true));
        assertEquals(-Errno.EBADF, small.dup2(9, 4, false, true), "newfd is checked before oldfd");

        small.setLimit(2);
        assertEquals(2, small.limit());
        assertNotNull(small.get(3), "descriptors above a lowered limit stay open");
        assertEquals(3, small.dup2(3, 3, false, false));
        assertEquals(-Errno.EBADF, small.dup2(0, 3, false, false), "but cannot be dup2 targets");
        assertEquals(0, small.close(1));
        assertEquals(1, small.dup(0, 0, false));
        assertEquals(-Errno.EMFILE, small.dup(0, 0, false));
        assertEquals(4, small.size());
    }

    @Test
    void zeroLimitRefusesEverything() {
        FdTable none = new LinuxFdTableFactory(host).newTable(0);
        int handedIn = HostFds.eventFd(host);
        assertEquals(-Errno.EMFILE, none.open(FileKind.EVENTFD, handedIn, 0, null, null, false));
        assertFalse(HostFds.isOpen(host, handedIn));
        assertEquals(0, none.size());
        assertThrows(IllegalArgumentException.class, () -> new LinuxFdTableFactory(host).newTable(-1));
    }

    @Test
    void closeOnExecIsPerDescriptorAndNotSharedByDup() {
        int fd = openEventFd(true);
        int copy = table.dup(fd, 0, false);
        assertTrue(table.get(fd).cloexec());
        assertFalse(table.get(copy).cloexec());
        assertEquals(0, table.setCloexec(copy, true));
        assertEquals(0, table.setCloexec(fd, false));
        assertFalse(table.get(fd).cloexec());
        assertTrue(table.get(copy).cloexec());
    }

    @Test
    void closeOnExecClosesOnlyMarkedDescriptors() {
        int keep = openEventFd(false);
        int drop = openEventFd(true);
        int sharedKeep = table.dup(drop, 0, false); // same description, not close-on-exec
        int alone = openEventFd(true);
        int hostDrop = hostFdOf(drop);
        int hostAlone = hostFdOf(alone);
        table.closeOnExec();
        assertNotNull(table.get(keep));
        assertNull(table.get(drop));
        assertNull(table.get(alone));
        assertNotNull(table.get(sharedKeep));
        assertTrue(HostFds.isOpen(host, hostDrop), "still referenced by a kept descriptor");
        assertFalse(HostFds.isOpen(host, hostAlone));
        assertEquals(2, table.size());
    }

    @Test
    void closeRangeClosesAnInclusiveRange() {
        for (int i = 0; i < 8; i++) {
            openEventFd(false);
        }
        int host3 = hostFdOf(3);
        assertEquals(0, table.closeRange(2, 4, false));
        assertNotNull(table.get(1));
        assertNull(table.get(2));
        assertNull(table.get(4));
        assertNotNull(table.get(5));
        assertFalse(HostFds.isOpen(host, host3));
        assertEquals(0, table.closeRange(6, -1, false), "~0U means to the end");
        assertEquals(List.of(0, 1, 5), table.snapshots().stream().map(FdSnapshot::fd).toList());
        assertEquals(-Errno.EINVAL, table.closeRange(5, 2, false));
        assertEquals(-Errno.EINVAL, table.closeRange(-1, 3, false), "first is unsigned: huge");
        assertEquals(0, table.closeRange(100, 200, false), "an empty range is fine");
        assertEquals(3, table.size());
    }

    @Test
    void closeRangeCloexecOnlyMarksWithoutClosing() {
        for (int i = 0; i < 4; i++) {
            openEventFd(false);
        }
        long generation = table.get(2).generation();
        assertEquals(0, table.closeRange(1, 2, true));
        assertEquals(4, table.size());
        assertFalse(table.get(0).cloexec());
        assertTrue(table.get(1).cloexec());
        assertTrue(table.get(2).cloexec());
        assertFalse(table.get(3).cloexec());
        assertEquals(generation, table.get(2).generation(), "marking is not a reallocation");
        table.closeOnExec();
        assertEquals(List.of(0, 3), table.snapshots().stream().map(FdSnapshot::fd).toList());
    }

    @Test
    void forkCopySharesDescriptionsWithOneMoreReferenceEach() {
        int fd = openEventFd(true);
        int copy = table.dup(fd, 5, false);
        int hostFd = hostFdOf(fd);
        FdTable child = table.copy();
        otherTables.add(child);
        assertEquals(2, child.size());
        assertEquals(table.limit(), child.limit());
        assertSame(table.get(fd).file(), child.get(fd).file());
        assertTrue(child.get(fd).cloexec());
        assertFalse(child.get(copy).cloexec());
        assertNotEquals(table.get(fd).generation(), child.get(fd).generation(), "each table has its own allocations");

        table.closeAll();
        assertTrue(HostFds.isOpen(host, hostFd), "the child still refers to it");
        assertTrue(child.get(fd).file().isOpen());
        assertEquals(0, child.close(fd));
        assertTrue(HostFds.isOpen(host, hostFd));
        assertEquals(0, child.close(copy));
        assertFalse(HostFds.isOpen(host, hostFd), "closed after both tables let go");
    }

    @Test
    void childChangesDoNotAffectTheParent() {
        int fd = openEventFd(false);
        FdTable child = table.copy();
        otherTables.add(child);
        assertEquals(0, child.setCloexec(fd, true));
        assertEquals(1, child.dup(fd, 0, false));
        assertFalse(table.get(fd).cloexec());
        assertNull(table.get(1));
        assertEquals(1, table.size());
    }

    @Test
    void aPinKeepsTheHostFdOpenAfterTheLastDescriptorCloses() {
        int fd = openEventFd(false);
        OpenFile file = table.get(fd).file();
        int hostFd = file.hostFd();
        assertTrue(file.tryPin());
        assertEquals(0, table.close(fd));
        assertNull(table.get(fd), "the slot is free at once");
        assertEquals(fd, openEventFd(false), "and its number reusable");
        assertTrue(file.isOpen());
        assertTrue(HostFds.isOpen(host, hostFd), "pinned: the host fd survives the close");
        assertTrue(file.tryPin(), "a pinned description can be pinned again");
        file.unpin();
        assertTrue(HostFds.isOpen(host, hostFd));
        file.unpin();
        assertEquals(-Errno.EBADF, host.fcntl(hostFd, Host.F_GETFD, 0), "closed with the last pin");
        assertFalse(file.isOpen());
    }

    @Test
    void tryPinFailsOnceReleased() {
        int fd = openEventFd(false);
        OpenFile file = table.get(fd).file();
        assertTrue(file.isOpen());
        table.close(fd);
        assertFalse(file.isOpen());
        assertFalse(file.tryPin());
        assertThrows(IllegalStateException.class, file::unpin, "an unpin without a pin is a bug");
        assertFalse(file.tryPin(), "and a failed unpin does not resurrect it");
    }

    @Test
    void closeListenersFireOnceWhenTheLastReferenceGoesBeforeTheHostClose() {
        int fd = openEventFd(false);
        int copy = table.dup(fd, 0, false);
        OpenFile file = table.get(fd).file();
        List<String> events = new ArrayList<>();
        assertTrue(file.addCloseListener(f -> events.add("released, host fd open: " + HostFds.isOpen(host, f.hostFd()))));
        AtomicInteger removedCalls = new AtomicInteger();
        org.osgix.fd.CloseListener removed = f -> removedCalls.incrementAndGet();
        assertTrue(file.addCloseListener(removed));
        file.removeCloseListener(removed);

        table.close(fd);
        assertTrue(events.isEmpty(), "another descriptor remains");
        assertTrue(file.tryPin());
        table.close(copy);
        assertTrue(events.isEmpty(), "a pin remains");
        file.unpin();
        assertEquals(List.of("released, host fd open: true"), events);
        assertFalse(file.addCloseListener(f -> events.add("too late")));
        assertEquals(1, events.size());
        assertEquals(0, removedCalls.get());
    }

    @Test
    void aFailingCloseListenerStillLetsTheHostFdClose() {
        int fd = openEventFd(false);
        int other = openEventFd(false);
        int hostFd = hostFdOf(fd);
        int otherHostFd = hostFdOf(other);
        table.get(fd).file().addCloseListener(f -> {
            throw new IllegalStateException("listener bug");
        });
        assertThrows(IllegalStateException.class, table::closeAll);
        assertFalse(HostFds.isOpen(host, hostFd));
        assertFalse(HostFds.isOpen(host, otherHostFd), "closeAll goes on after a failure");
        assertEquals(0, table.size());
    }

    @Test
    void generationsIncreaseWithEveryAllocationOfANumber() {
        int fd = openEventFd(false);
        long first = table.get(fd).generation();
        table.close(fd);
        assertEquals(fd, openEventFd(false));
        long second = table.get(fd).generation();
        assertTrue(second > first);
        int other = openEventFd(false);
        assertTrue(table.get(other).generation() > second);
        assertEquals(fd, table.dup2(other, fd, false, false));
        long third = table.get(fd).generation();
        assertTrue(third > table.get(other).generation());
        assertEquals(0, table.setCloexec(fd, true));
        assertEquals(third, table.get(fd).generation(), "flag changes keep the generation");
    }

    @Test
    void compareAndSetCloexecFailsForAStaleGeneration() {
        int fd = openEventFd(false);
        FdSnapshot stale = table.get(fd);
        table.close(fd);
        assertFalse(table.compareAndSetCloexec(stale, true), "the slot is free");
        assertEquals(fd, openEventFd(false));
        assertFalse(table.compareAndSetCloexec(stale, true), "same number, another allocation (ABA)");
        assertFalse(table.get(fd).cloexec());
        FdSnapshot current = table.get(fd);
        assertTrue(table.compareAndSetCloexec(current, true));
        assertTrue(table.get(fd).cloexec());
        assertFalse(current.cloexec(), "a snapshot is an immutable value");
        assertTrue(table.compareAndSetCloexec(current, false), "an older snapshot of the same allocation still matches");
        assertFalse(table.get(fd).cloexec());
    }

    @Test
    void snapshotsAreAscendingAndMatchGet() {
        openEventFd(false);
        assertEquals(9, table.dup2(0, 9, false, false));
        assertEquals(2, table.dup(0, 2, true));
        assertEquals(100, table.dup(0, 100, false), "grows beyond the first chunk");
        List<FdSnapshot> snapshots = table.snapshots();
        assertEquals(List.of(0, 2, 9, 100), snapshots.stream().map(FdSnapshot::fd).toList());
        for (FdSnapshot snapshot : snapshots) {
            assertEquals(table.get(snapshot.fd()).generation(), snapshot.generation());
        }
        assertTrue(snapshots.get(1).cloexec());
        assertEquals(4, table.size());
    }

    @Test
    void installNeedsALiveDescriptionAndPicksFromTheMinimum() {
        int fd = openEventFd(false);
        OpenFile file = table.get(fd).file();
        assertTrue(file.tryPin());
        table.close(fd);
        assertEquals(3, table.install(file, 3, true), "a pin is enough to install (e.g. SCM_RIGHTS)");
        assertTrue(table.get(3).cloexec());
        file.unpin();
        assertTrue(file.isOpen(), "the installed descriptor holds it");
        table.close(3);
        assertFalse(file.isOpen());
        assertEquals(-Errno.EBADF, table.install(file, 0, false));
        assertEquals(0, table.size());
    }

    @Test
    void descriptionsWithoutAHostFdAndTheirIdentity() {
        Object epollInstance = new Object();
        int fd = table.open(FileKind.EPOLL, -1, OpenFile.O_RDWR, "anon_inode:[eventpoll]", epollInstance, true);
        OpenFile file = table.get(fd).file();
        assertEquals(FileKind.EPOLL, file.kind());
        assertEquals(-1, file.hostFd());
        assertSame(epollInstance, file.attachment());
        assertEquals("anon_inode:[eventpoll]", file.path());
        int other = openEventFd(false);
        assertNotEquals(file.id(), table.get(other).file().id());
        AtomicInteger released = new AtomicInteger();
        file.addCloseListener(f -> released.incrementAndGet());
        table.close(fd);
        assertEquals(1, released.get(), "released without any host close");
    }

    @Test
    void statusFlagUpdatesAreAtomic() throws Exception {
        int fd = openEventFd(false);
        OpenFile file = table.get(fd).file();
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int bit = 1 << (20 + t);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    file.updateStatusFlags(bit, (i & 1) == 0 ? bit : 0);
                }
                file.updateStatusFlags(bit, bit);
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(OpenFile.O_RDWR | (0xF << 20), file.statusFlags(), "no update was lost");
    }

    @Test
    void readsAndPinsAllocateNothing() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
        int fd = openEventFd(false);
        table.dup(fd, 70, false); // two chunks
        long sum = 0;
        for (int round = 0; round < 3; round++) {
            long before = allocations.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200_000; i++) {
                FdSnapshot snapshot = table.get((i & 1) == 0 ? fd : 70);
                OpenFile file = snapshot.file();
                if (file.tryPin()) {
                    sum += file.hostFd();
                    file.unpin();
                }
            }
            long allocated = allocations.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) {
                assertTrue(allocated < 1024, "allocated " + allocated + " bytes in 200k get+pin+unpin");
            }
        }
        assertTrue(sum > 0);
    }
}
