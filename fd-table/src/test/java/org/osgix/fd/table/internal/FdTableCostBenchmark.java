package org.osgix.fd.table.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.test.support.HostFds;

/** Warm-loop costs of the syscall hot path's table work (run with {@code -Dosgix.bench=true}). */
@EnabledIfSystemProperty(named = "osgix.bench", matches = "true")
class FdTableCostBenchmark {
    static final int ITERATIONS = 10_000_000;
    static long sink;

    static void measure(String what, LongSupplier loop) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            sink += loop.getAsLong();
            best = Math.min(best, (System.nanoTime() - start) / (double) ITERATIONS);
        }
        System.out.printf("%-44s %6.2f ns/op%n", what, best);
    }

    @Test
    void costs() throws Exception {
        Host host = new PosixHost();
        FdTable table = new LinuxFdTableFactory(host).newTable(1024);
        for (int i = 0; i < 8; i++) {
            table.open(FileKind.EVENTFD, HostFds.eventFd(host), OpenFile.O_RDWR, null, null, false);
        }
        OpenFile file = table.get(3).file();

        measure("get(fd)", () -> {
            long s = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                s += table.get(i & 7).generation();
            }
            return s;
        });
        measure("tryPin() + unpin()", () -> {
            long s = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                if (file.tryPin()) {
                    s++;
                    file.unpin();
                }
            }
            return s;
        });
        measure("get(fd) + tryPin() + hostFd() + unpin()", () -> {
            long s = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                FdSnapshot snapshot = table.get(i & 7);
                OpenFile f = snapshot.file();
                if (f.tryPin()) {
                    s += f.hostFd();
                    f.unpin();
                }
            }
            return s;
        });
        measure("setCloexec(fd, toggling) (CAS + new slot)", () -> {
            long s = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                s += table.setCloexec(i & 7, (i & 8) != 0);
            }
            return s;
        });

        // two threads pinning the same description: the shared counter's cache line bounces
        Thread other = new Thread(() -> {
            for (int i = 0; i < 8 * ITERATIONS; i++) {
                if (file.tryPin()) {
                    file.unpin();
                }
            }
        });
        other.start();
        measure("tryPin() + unpin(), 2 threads, same file", () -> {
            long s = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                if (file.tryPin()) {
                    s++;
                    file.unpin();
                }
            }
            return s;
        });
        other.join();
        table.closeAll();
        assertTrue(sink != 0);
    }
}
