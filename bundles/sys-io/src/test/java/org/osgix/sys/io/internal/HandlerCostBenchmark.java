package org.osgix.sys.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgix.fd.OpenFile;

/**
 * The Java work of the transfer handlers on top of their host calls: a 1-byte pipe write+read
 * through the handlers against the same host calls made directly (run with
 * {@code -Dosgix.bench=true}; numbers are printed, the assertions only catch a broken loop).
 */
@EnabledIfSystemProperty(named = "osgix.bench", matches = "true")
class HandlerCostBenchmark extends IoTestSupport {
    static final int ROUNDS = 15;
    static long sink;

    /**
     * Best-of-ROUNDS thread CPU time per iteration of each loop, the loops interleaved so that a
     * change in machine load hits them alike; prints them and the difference of the last two.
     */
    static double[] compare(int iterations, String[] names, LongSupplier... loops) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] best = new double[loops.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < loops.length; i++) {
                long start = threads.getCurrentThreadCpuTime();
                sink += loops[i].getAsLong();
                best[i] = Math.min(best[i], (threads.getCurrentThreadCpuTime() - start) / (double) iterations);
            }
        }
        for (int i = 0; i < loops.length; i++) {
            System.out.printf("%-44s %8.1f ns/op%n", names[i], best[i]);
        }
        System.out.printf("%-44s %8.1f ns/op%n", "Java work: " + names[loops.length - 1] + " - " + names[loops.length - 2],
            best[loops.length - 1] - best[loops.length - 2]);
        return best;
    }

    @Test
    void pipeWriteAndReadOfOneByte() {
        int[] fds = pipe(0);
        long buf = bytes("x");
        int readFd = guest.file(fds[0]).hostFd();
        int writeFd = guest.file(fds[1]).hostFd();
        long iov = guest.host.memory().allocate(16);
        guest.host.memory().putLong(iov, guest.memory.hostAddress(buf, 1, 1));
        guest.host.memory().putLong(iov + 8, 1);
        int n = 50_000;
        compare(n, new String[] {"host pwritev2+preadv2 (RWF_NOWAIT)", "handlers write+read"}, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += guest.host.pwritev2(writeFd, iov, 1, -1, StreamTransfer.RWF_NOWAIT);
                s += guest.host.preadv2(readFd, iov, 1, -1, StreamTransfer.RWF_NOWAIT);
            }
            return s;
        }, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += guest.call("write", fds[1], buf, 1);
                s += guest.call("read", fds[0], buf, 1);
            }
            return s;
        });
        assertEquals(2, guest.call("write", fds[1], buf, 1) + guest.call("read", fds[0], buf, 1));
        assertEquals(0, guest.file(fds[0]).statusFlags() & OpenFile.O_NONBLOCK);
        guest.host.memory().free(iov);
    }
}
