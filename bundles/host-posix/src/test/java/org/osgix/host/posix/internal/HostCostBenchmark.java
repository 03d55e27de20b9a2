package org.osgix.host.posix.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;

/**
 * Warm-loop costs of the host layer's hot operations (run with {@code -Dosgix.bench=true}).
 * Numbers are printed; the assertions only catch a broken loop.
 */
@EnabledIfSystemProperty(named = "osgix.bench", matches = "true")
class HostCostBenchmark {
    static final int ROUNDS = 5;
    final PosixHost host = new PosixHost();
    final NativeMemory memory = host.memory();

    static long sink;

    static void measure(String what, int iterations, LongSupplier loop) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            sink += loop.getAsLong();
            best = Math.min(best, (System.nanoTime() - start) / (double) iterations);
        }
        System.out.printf("%-40s %8.1f ns/op%n", what, best);
    }

    @Test
    void costs() {
        long buf = memory.allocate(4096);
        memory.fill(buf, 64, (byte) 'x');
        int devNull = host.openat(Host.AT_FDCWD, "/dev/null", 1, 0);
        assertTrue(devNull >= 0);
        byte[] array = new byte[64];
        int n = 2_000_000;
        measure("NativeMemory.getByte (cold JIT)", n, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += memory.getByte(buf + (i & 1023));
            }
            return s;
        });
        measure("NativeMemory.getByte", n, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += memory.getByte(buf + (i & 1023));
            }
            return s;
        });
        measure("NativeMemory.getLong", n, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                s += memory.getLong(buf + (i & 1016));
            }
            return s;
        });
        measure("NativeMemory.putLong", n, () -> {
            for (int i = 0; i < n; i++) {
                memory.putLong(buf + (i & 1016), i);
            }
            return 0;
        });
        measure("NativeMemory.get(64 bytes)", n, () -> {
            for (int i = 0; i < n; i++) {
                memory.get(buf, array, 0, 64);
            }
            return array[5];
        });
        memory.fill(buf, 40, (byte) 'x');
        measure("NativeMemory.indexOfNul(40-byte string)", n, () -> {
            long s = 0;
            for (int i = 0; i < n; i++) {
                memory.putByte(buf + 40, (byte) (i & 1)); // defeats hoisting the scan
                s += memory.indexOfNul(buf, 256);
            }
            return s;
        });
        int calls = 300_000;
        measure("Host.getpid (direct-mapped null call)", calls, () -> {
            long s = 0;
            for (int i = 0; i < calls; i++) {
                s += host.getpid();
            }
            return s;
        });
        measure("Host.write(/dev/null, 1 byte)", calls, () -> {
            long s = 0;
            for (int i = 0; i < calls; i++) {
                s += host.write(devNull, buf, 1);
            }
            return s;
        });
        measure("Host.fcntl(bad fd) -> -EBADF", calls, () -> {
            long s = 0;
            for (int i = 0; i < calls; i++) {
                s += host.fcntl(-1, Host.F_GETFD, 0);
            }
            return s;
        });
        measure("Host.clockGettime(MONOTONIC)", calls, () -> {
            long s = 0;
            for (int i = 0; i < calls; i++) {
                s += host.clockGettime(1, buf + 2048);
            }
            return s;
        });
        measure("Host.fstatat(\"/etc/passwd\")", calls / 4, () -> {
            long s = 0;
            for (int i = 0; i < calls / 4; i++) {
                s += host.fstatat(Host.AT_FDCWD, "/etc/passwd", buf + 1024, 0);
            }
            return s;
        });
        host.close(devNull);
        memory.free(buf);
    }
}
