package org.osgix.kernel.internal;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.GuestMemory;

/**
 * Guest-memory access from a handler: the kernel's address-space check followed by the native
 * access, against the bare native access. {@code AddressSpaceImpl} is package-private, hence the
 * package name. {@code mappings} is the number of mappings the check searches (a static program
 * has ~10, python ~100, node several hundred).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuestMemoryBenchmark {
    private static final int RW = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
    private static final int ANON = AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS;
    private static final String PATH = "/usr/lib/x86_64-linux-gnu/libc.so.6";

    @Param({"8", "512"})
    public int mappings;

    private AddressSpaceImpl space;
    private NativeMemory raw;
    private long data;
    private long path;
    private final byte[] buffer = new byte[64];

    @Setup(Level.Trial)
    public void map() {
        Host host = new PosixHost();
        raw = host.memory();
        space = KernelFixture.addressSpace(host);
        data = space.mmap(0, 16 * GuestMemory.PAGE_SIZE, RW, ANON, -1, 0, null);
        check(data);
        for (int i = 1; i < mappings; i++) { // alternate protections so neighbours never merge
            check(space.mmap(0, GuestMemory.PAGE_SIZE, i % 2 == 0 ? RW : GuestMemory.PROT_READ, ANON, -1, 0, null));
        }
        path = data + 8 * GuestMemory.PAGE_SIZE;
        space.writeCString(path, PATH);
    }

    private static void check(long addr) {
        if (addr < 0) {
            throw new IllegalStateException("mmap failed: " + addr);
        }
    }

    @TearDown(Level.Trial)
    public void unmap() {
        space.release();
    }

    @Benchmark
    public long readLong() {
        return space.readLong(data + 64);
    }

    @Benchmark
    public void writeLong() {
        space.writeLong(data + 64, 42);
    }

    @Benchmark
    public long rawGetLong() {
        return raw.getLong(data + 64);
    }

    @Benchmark
    public void rawPutLong() {
        raw.putLong(data + 64, 42);
    }

    /** The zero-copy check a read/write handler makes before passing a buffer to the host. */
    @Benchmark
    public long hostAddress4k() {
        return space.hostAddress(data + 4096, 4096, GuestMemory.PROT_WRITE);
    }

    @Benchmark
    public byte[] read64() {
        space.read(data + 128, buffer, 0, buffer.length);
        return buffer;
    }

    /** A path argument (open, stat): scan for the NUL and decode. */
    @Benchmark
    public String readCString() {
        return space.readCString(path, 4096);
    }
}
