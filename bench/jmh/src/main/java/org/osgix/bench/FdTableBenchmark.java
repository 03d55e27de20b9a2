package org.osgix.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FdTable;
import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fd.table.internal.LinuxFdTableFactory;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;

/**
 * The descriptor table on a syscall's hot path, through the public {@code FdTableFactory} API
 * with the real host layer: the lock-free snapshot read, the pin that keeps a description open
 * during a host call, and dup+close (the writer lock) from two threads at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FdTableBenchmark {
    /** Descriptors 0..7 are open; reads cycle over them like a program touching a few fds. */
    private static final int OPEN = 8;

    private Host host;
    private FdTable table;
    private OpenFile file;

    @Setup(Level.Trial)
    public void open() {
        host = new PosixHost();
        table = new LinuxFdTableFactory(host).newTable(1024);
        for (int i = 0; i < OPEN; i++) {
            int hostFd = host.eventfd(0, 0x80000 /* EFD_CLOEXEC */);
            if (hostFd < 0 || table.open(FileKind.EVENTFD, hostFd, OpenFile.O_RDWR, null, null, false) != i) {
                throw new IllegalStateException("cannot open descriptor " + i + ": " + hostFd);
            }
        }
        file = table.get(3).file();
    }

    @TearDown(Level.Trial)
    public void close() {
        table.closeAll(); // the table closes the host fds through the host layer
    }

    /** Per-thread cursor over the open descriptors. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int fd() {
            return next++ & (OPEN - 1);
        }
    }

    @Benchmark
    public FdSnapshot get(Cursor cursor) {
        return table.get(cursor.fd());
    }

    @Benchmark
    public boolean tryPinUnpin() {
        boolean pinned = file.tryPin();
        if (pinned) {
            file.unpin();
        }
        return pinned;
    }

    /** What a read/write handler does before and after its host call. */
    @Benchmark
    public int getPinHostFdUnpin(Cursor cursor) {
        FdSnapshot snapshot = table.get(cursor.fd());
        OpenFile f = snapshot.file();
        if (!f.tryPin()) {
            return -1;
        }
        try {
            return f.hostFd();
        } finally {
            f.unpin();
        }
    }

    /** dup(3) + close of the copy; with 2 threads both contend for the writer lock. */
    @Benchmark
    @Threads(2)
    public int dupClose2Threads() {
        int fd = table.dup(3, 0, false);
        return table.close(fd);
    }

    @Benchmark
    @Threads(1)
    public int dupClose1Thread() {
        int fd = table.dup(3, 0, false);
        return table.close(fd);
    }

    /** A reader beside a thread that keeps changing the table: readers must not wait for it. */
    @Benchmark
    @Group("readerBesideWriter")
    @GroupThreads(1)
    public int reader(Cursor cursor) {
        return getPinHostFdUnpin(cursor);
    }

    @Benchmark
    @Group("readerBesideWriter")
    @GroupThreads(1)
    public void writer(Blackhole hole) {
        int fd = table.dup(3, 0, false);
        hole.consume(table.close(fd));
    }
}
