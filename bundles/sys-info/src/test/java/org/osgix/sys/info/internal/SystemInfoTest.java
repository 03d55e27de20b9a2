package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class SystemInfoTest {
    private static final Host HOST = new PosixHost();
    private static final String MEMINFO = "MemTotal:       24683620 kB\nMemFree:        23653976 kB\n"
        + "MemAvailable:   23977936 kB\nBuffers:            4264 kB\nSwapCached:            0 kB\n"
        + "SwapTotal:        102400 kB\nSwapFree:          51200 kB\nShmem:              8952 kB\n";
    private static final String LOADAVG = "7.01 6.12 0.50 7/174 19877\n";
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 1);
    private final FakeCall call = new FakeCall(new FakeProcess(10, memory));
    private final SystemInfo systemInfo = new SystemInfo(HOST);

    @AfterEach
    void free() {
        memory.close();
    }

    @Test
    void parsesMeminfoAndLoadavg() {
        HostStatistics stats = HostStatistics.parse(MEMINFO, LOADAVG);
        assertEquals(24683620L * 1024, stats.totalRam());
        assertEquals(23653976L * 1024, stats.freeRam());
        assertEquals(8952L * 1024, stats.sharedRam());
        assertEquals(4264L * 1024, stats.bufferRam());
        assertEquals(102400L * 1024, stats.totalSwap());
        assertEquals(51200L * 1024, stats.freeSwap());
        assertArrayEquals(new long[] {459407, 401080, 32768}, stats.loads());
        assertEquals(174, stats.threads());
    }

    @Test
    void unreadableFilesGiveZeros() {
        HostStatistics stats = HostStatistics.parse("", "");
        assertEquals(0, stats.totalRam());
        assertArrayEquals(new long[3], stats.loads());
        assertEquals(0, stats.threads());
    }

    @Test
    void encodesTheLinuxX8664Layout() {
        ByteBuffer info = ByteBuffer.wrap(SystemInfo.encode(1172, HostStatistics.parse(MEMINFO, LOADAVG)))
            .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(112, info.capacity());
        assertEquals(1172, info.getLong(0));
        assertEquals(459407, info.getLong(8));
        assertEquals(32768, info.getLong(24));
        assertEquals(24683620L * 1024, info.getLong(32));
        assertEquals(23653976L * 1024, info.getLong(40));
        assertEquals(8952L * 1024, info.getLong(48));
        assertEquals(4264L * 1024, info.getLong(56));
        assertEquals(102400L * 1024, info.getLong(64));
        assertEquals(51200L * 1024, info.getLong(72));
        assertEquals(174, info.getShort(80));
        assertEquals(0, info.getLong(88));
        assertEquals(0, info.getLong(96));
        assertEquals(1, info.getInt(104));
    }

    @Test
    void sysinfoDescribesThisHost() throws Exception {
        long addr = memory.base() + 8;
        assertEquals(0, call.invoke(systemInfo::sysinfo, addr));
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        long reported = memory.readLong(addr);
        assertTrue(reported >= (long) uptime && reported <= (long) uptime + 2, reported + " vs " + uptime);
        long memTotal = HostStatistics.read().totalRam();
        assertTrue(memTotal > 0);
        assertEquals(memTotal, memory.readLong(addr + SystemInfo.TOTALRAM));
        assertTrue(memory.readLong(addr + SystemInfo.FREERAM) <= memTotal);
        assertTrue((memory.readInt(addr + SystemInfo.PROCS) & 0xffff) > 0);
        assertEquals(1, memory.readInt(addr + SystemInfo.MEM_UNIT));
    }

    @Test
    void aBadBufferIsEfault() {
        assertEquals(-Errno.EFAULT, call.invoke(systemInfo::sysinfo, 8));
        assertEquals(-Errno.EFAULT, call.invoke(systemInfo::sysinfo, memory.end() - 100));
    }
}
