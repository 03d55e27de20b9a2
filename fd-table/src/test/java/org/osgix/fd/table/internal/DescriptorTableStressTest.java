package org.osgix.fd.table.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.HostFdListener;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.HostFds;

/**
 * Several threads race dup/dup2/close/close_range/open/install/fork/F_SETFD/pins on a small range
 * of numbers of one table whose descriptions own real host eventfds. Invariants are checked
 * while racing (the host layer tells us of every host close, so a close under a pin is seen) and
 * at the end (every host fd closed exactly once, nothing leaked).
 */
class DescriptorTableStressTest {
    static final int THREADS = 4;
    static final int OPERATIONS_PER_THREAD = 30_000;
    static final int NUMBERS = 16;
    static final int LIMIT = 16;
    static final long SEED = 0x05_61_C5L;

    /** What the test knows of one host eventfd while a description owns it. */
    static final class Tracked {
        final int hostFd;
        final AtomicInteger pinsHeld = new AtomicInteger();
        final AtomicInteger hostCloses = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        volatile OpenFile file;
        volatile boolean listening;

        Tracked(int hostFd) {
            this.hostFd = hostFd;
        }
    }

    final Host host = new PosixHost();
    final FdTable table = new LinuxFdTableFactory(host).newTable(LIMIT);
    final Map<Integer, Tracked> byHostFd = new ConcurrentHashMap<>();
    final Queue<Tracked> everyTracked = new ConcurrentLinkedQueue<>();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicLong operations = new AtomicLong();

    /** Runs just before the host layer closes a host fd. */
    final HostFdListener hostCloseCheck = hostFd -> {
        Tracked tracked = byHostFd.get(hostFd);
        if (tracked == null) {
            return; // not one of ours
        }
        if (tracked.hostCloses.incrementAndGet() != 1) {
            violation("host fd " + hostFd + " closed twice");
        }
        if (tracked.pinsHeld.get() != 0) {
            violation("host fd " + hostFd + " closed while a thread holds a pin");
        }
        OpenFile file = tracked.file;
        if (file != null && file.isOpen()) {
            violation("host fd " + hostFd + " closed while its description still has references");
        }
        if (tracked.listening && tracked.releases.get() != 1) {
            violation("host fd " + hostFd + " closed before its close listener ran");
        }
        byHostFd.remove(hostFd, tracked);
    };

    void violation(String what) {
        violations.add(Thread.currentThread().getName() + ": " + what);
    }

    @Test
    void racingWritersReadersAndPinsKeepEveryInvariant() throws Exception {
        warmUp();
        int hostFdsBefore = host.openFdCount();
        int eventFdsBefore = HostFds.eventFdCount();
        host.addHostFdListener(hostCloseCheck);
        try {
            for (int i = 0; i < 8; i++) {
                openTracked(new Random(SEED), false);
            }
            runWorkers();
            table.closeAll();
        } finally {
            host.removeHostFdListener(hostCloseCheck);
        }

        assertTrue(violations.isEmpty(), violations.size() + " violations, e.g. " + first(violations, 10));
        assertTrue(operations.get() >= 100_000, "only " + operations.get() + " operations");
        assertEquals(0, table.size());
        for (Tracked tracked : everyTracked) {
            assertEquals(1, tracked.hostCloses.get(), "host fd " + tracked.hostFd + " closes");
            assertEquals(0, tracked.pinsHeld.get());
            if (tracked.file != null) {
                assertFalse(tracked.file.isOpen());
                assertFalse(tracked.file.tryPin(), "a released description cannot be pinned");
            }
        }
        assertTrue(everyTracked.size() > 1000, "only " + everyTracked.size() + " host fds were used");
        assertEquals(eventFdsBefore, HostFds.eventFdCount(), "eventfds leaked");
        assertEquals(hostFdsBefore, host.openFdCount(), "host fds leaked");
    }

    /** Loads every class the race uses, so the JVM opens no jar while host fds are counted. */
    private void warmUp() throws Exception {
        FdTable scratch = new LinuxFdTableFactory(host).newTable(LIMIT);
        Worker worker = new Worker(scratch, new Random(1));
        for (int i = 0; i < 2000; i++) {
            worker.step();
        }
        scratch.closeAll();
        byHostFd.clear();
        everyTracked.clear();
        violations.clear();
        operations.set(0);
        HostFds.eventFdCount();
    }

    private void runWorkers() throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Set<Throwable> crashes = ConcurrentHashMap.newKeySet();
        for (int t = 0; t < THREADS; t++) {
            Worker worker = new Worker(table, new Random(SEED + t));
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                        worker.step();
                    }
                } catch (Throwable e) {
                    crashes.add(e);
                }
            }, "stress-" + t);
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(120_000);
            assertFalse(thread.isAlive(), thread.getName() + " is stuck");
        }
        assertTrue(crashes.isEmpty(), "worker crashed: " + crashes);
    }

    private int openTracked(Random random, boolean cloexec) {
        return openTracked(table, random, cloexec);
    }

    private int openTracked(FdTable target, Random random, boolean cloexec) {
        int hostFd = HostFds.eventFd(host);
        Tracked tracked = new Tracked(hostFd);
        byHostFd.put(hostFd, tracked);
        everyTracked.add(tracked);
        int fd = target.open(FileKind.EVENTFD, hostFd, OpenFile.O_RDWR, null, null, cloexec);
        if (fd >= 0) {
            FdSnapshot snapshot = target.get(fd);
            if (snapshot != null && snapshot.file().hostFd() == hostFd) {
                tracked.file = snapshot.file();
                if (snapshot.file().addCloseListener(file -> tracked.releases.incrementAndGet())) {
                    tracked.listening = true;
                }
            }
        } else if (fd != -Errno.EMFILE) {
            violation("open returned " + fd);
        }
        return fd;
    }

    /** One racing thread: random operations, with what it has seen kept for later checks. */
    final class Worker {
        final FdTable target;
        final Random random;
        final FdSnapshot[] lastSeen = new FdSnapshot[NUMBERS];
        long lastAllocatedGeneration;

        Worker(FdTable target, Random random) {
            this.target = target;
            this.random = random;
        }

        int number() {
            return random.nextInt(NUMBERS);
        }

        void step() {
            int choice = random.nextInt(100);
            if (choice < 25) {
                useWithPin(number());
            } else if (choice < 37) {
                int newFd = target.dup(number(), random.nextInt(NUMBERS), random.nextBoolean());
                expect("dup", newFd, Errno.EBADF, Errno.EMFILE);
                allocated(newFd);
            } else if (choice < 49) {
                int oldFd = number();
                int newFd = number();
                int result = target.dup2(oldFd, newFd, random.nextBoolean(), random.nextBoolean());
                expect("dup2", result, Errno.EBADF, Errno.EINVAL);
                if (result >= 0 && result != newFd) {
                    violation("dup2 returned " + result + " for " + newFd);
                }
                if (oldFd != newFd) {
                    allocated(result); // dup2(fd, fd) allocates nothing
                }
            } else if (choice < 64) {
                expect("close", target.close(number()), Errno.EBADF);
            } else if (choice < 72) {
                expect("setCloexec", target.setCloexec(number(), random.nextBoolean()), Errno.EBADF);
            } else if (choice < 80) {
                FdSnapshot snapshot = target.get(number());
                if (snapshot != null) {
                    target.compareAndSetCloexec(snapshot, random.nextBoolean());
                }
            } else if (choice < 92) {
                allocated(openTracked(target, random, random.nextBoolean()));
            } else if (choice < 96) {
                installPinned(number());
            } else if (choice < 98) {
                int first = number();
                int last = first + random.nextInt(3);
                expect("closeRange", target.closeRange(first, last, random.nextBoolean()));
            } else {
                forkAndExit();
            }
            operations.incrementAndGet();
            observe(number());
        }

        void useWithPin(int fd) {
            FdSnapshot snapshot = observe(fd);
            if (snapshot == null) {
                return;
            }
            OpenFile file = snapshot.file();
            if (!file.tryPin()) {
                return; // a concurrent close won: the syscall would return EBADF
            }
            Tracked tracked = byHostFd.get(file.hostFd());
            try {
                if (tracked == null || (tracked.file != null && tracked.file != file)) {
                    violation("pinned description's host fd " + file.hostFd() + " was closed (and maybe reused)");
                    return;
                }
                tracked.pinsHeld.incrementAndGet();
                try {
                    if (host.fcntl(file.hostFd(), Host.F_GETFD, 0) < 0) {
                        violation("pinned host fd " + file.hostFd() + " is not open");
                    }
                    if (random.nextInt(8) == 0) {
                        Thread.yield(); // widen the window for a racing close
                    }
                    if (!file.isOpen()) {
                        violation("pinned description reports closed");
                    }
                } finally {
                    tracked.pinsHeld.decrementAndGet();
                }
            } finally {
                file.unpin();
            }
        }

        void installPinned(int fd) {
            FdSnapshot snapshot = target.get(fd);
            if (snapshot == null || !snapshot.file().tryPin()) {
                return;
            }
            try {
                int newFd = target.install(snapshot.file(), random.nextInt(NUMBERS), random.nextBoolean());
                expect("install", newFd, Errno.EMFILE);
                allocated(newFd);
            } finally {
                snapshot.file().unpin();
            }
        }

        void forkAndExit() {
            FdTable child = target.copy();
            if (child.size() > LIMIT) {
                violation("child has " + child.size() + " descriptors");
            }
            child.dup(0, 0, random.nextBoolean());
            child.closeOnExec();
            child.closeAll();
        }

        /** A successful allocation: the slot holds it or something newer. */
        void allocated(int fd) {
            if (fd < 0) {
                return;
            }
            FdSnapshot snapshot = target.get(fd);
            if (snapshot != null) {
                if (snapshot.generation() <= lastAllocatedGeneration) {
                    violation("allocation of fd " + fd + " got generation " + snapshot.generation()
                        + " after " + lastAllocatedGeneration);
                }
                lastAllocatedGeneration = snapshot.generation();
            }
        }

        /** Reads a slot and checks it against the last read of that number by this thread. */
        FdSnapshot observe(int fd) {
            FdSnapshot current = target.get(fd);
            FdSnapshot previous = lastSeen[fd];
            if (previous != null) {
                long currentGeneration = current == null ? Long.MAX_VALUE : current.generation();
                if (currentGeneration < previous.generation()) {
                    violation("fd " + fd + " went back from generation " + previous.generation() + " to "
                        + currentGeneration);
                }
                if (current != null && currentGeneration == previous.generation() && current.file() != previous.file()) {
                    violation("fd " + fd + " generation " + currentGeneration + " names two descriptions");
                }
                if (currentGeneration != previous.generation() && target.compareAndSetCloexec(previous, random.nextBoolean())) {
                    violation("stale generation " + previous.generation() + " of fd " + fd + " won a compare-and-set");
                }
            }
            if (current != null) {
                if (current.fd() != fd) {
                    violation("slot " + fd + " holds a snapshot of fd " + current.fd());
                }
                lastSeen[fd] = current;
            }
            return current;
        }

        void expect(String operation, int result, int... allowedErrors) {
            if (result >= 0) {
                return;
            }
            for (int allowed : allowedErrors) {
                if (result == -allowed) {
                    return;
                }
            }
            violation(operation + " returned " + result);
        }
    }

    static String first(Queue<String> queue, int count) {
        return queue.stream().limit(count).toList().toString();
    }
}
