package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.SyscallHandler;
import org.osgix.test.support.BufferMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;

/** Expected values come from the same calls made natively (see the module's report). */
class SchedulingTest {
    private static final int PID = 100;
    private static final long MASK = BufferMemory.at(0);
    private final BufferMemory memory = new BufferMemory(4);
    private final FakeProcess process = new FakeProcess(PID, memory);
    private final Scheduling twoCpus = new Scheduling(new HostCpus(2));

    private long call(Scheduling scheduling, String name, long... args) {
        SyscallHandler handler = switch (name) {
            case "sched_getaffinity" -> scheduling::getAffinity;
            case "sched_setaffinity" -> scheduling::setAffinity;
            case "sched_getscheduler" -> scheduling::getScheduler;
            case "sched_getparam" -> scheduling::getParam;
            case "sched_get_priority_max" -> scheduling::priorityMax;
            case "sched_get_priority_min" -> scheduling::priorityMin;
            default -> scheduling::yield;
        };
        return new FakeCall(name, process.mainThread()).invoke(handler, args);
    }

    @Test
    void getAffinityWritesTheKernelMaskSize() {
        memory.fill(MASK, 64, (byte) 0xee);
        assertEquals(8, call(twoCpus, "sched_getaffinity", 0, 1024, MASK));
        assertEquals(0x03, memory.readLong(MASK));
        assertEquals((byte) 0xee, memory.readByte(MASK + 8), "nothing beyond the returned size");
        assertEquals(8, call(twoCpus, "sched_getaffinity", process.mainThread().tid(), 8, MASK));
    }

    @Test
    void getAffinityLengthRules() {
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_getaffinity", 0, 4, MASK));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_getaffinity", 0, 12, MASK));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_getaffinity", 0, 0, MASK));
        assertEquals(-Errno.ESRCH, call(twoCpus, "sched_getaffinity", -1, 8, MASK));
        assertEquals(-Errno.ESRCH, call(twoCpus, "sched_getaffinity", 99_999, 8, MASK), "no such thread");
        assertEquals(-Errno.EFAULT, call(twoCpus, "sched_getaffinity", 0, 8, 8));
        Scheduling manyCpus = new Scheduling(new HostCpus(70));
        assertEquals(-Errno.EINVAL, call(manyCpus, "sched_getaffinity", 0, 8, MASK), "70 CPUs need 9 bytes");
        assertEquals(16, call(manyCpus, "sched_getaffinity", 0, 64, MASK));
        assertEquals(-1L, memory.readLong(MASK));
        assertEquals(0x3f, memory.readLong(MASK + 8));
    }

    @Test
    void setAffinityNeedsOneOfOurCpus() {
        memory.writeLong(MASK, 0b10);
        assertEquals(0, call(twoCpus, "sched_setaffinity", 0, 8, MASK));
        assertEquals(0, call(twoCpus, "sched_setaffinity", 0, 1, MASK), "short masks are zero-extended");
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_setaffinity", 0, 0, MASK));
        memory.writeLong(MASK, 1L << 5);
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_setaffinity", 0, 8, MASK), "no such CPU");
        memory.writeLong(MASK, 0);
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_setaffinity", 0, 8, MASK));
        assertEquals(-Errno.EFAULT, call(twoCpus, "sched_setaffinity", 0, 8, 8));
        assertEquals(-Errno.ESRCH, call(twoCpus, "sched_setaffinity", -1, 8, MASK));
    }

    @Test
    void everyThreadIsSchedOtherAtPriorityZero() {
        assertEquals(Scheduling.SCHED_OTHER, call(twoCpus, "sched_getscheduler", 0));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_getscheduler", -1));
        memory.writeInt(MASK, -1);
        assertEquals(0, call(twoCpus, "sched_getparam", 0, MASK));
        assertEquals(0, memory.readInt(MASK));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_getparam", 0, 0));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_getparam", -1, MASK));
        assertEquals(-Errno.EFAULT, call(twoCpus, "sched_getparam", 0, 8));
    }

    @Test
    void priorityRangesPerPolicy() {
        assertEquals(0, call(twoCpus, "sched_get_priority_max", Scheduling.SCHED_OTHER));
        assertEquals(99, call(twoCpus, "sched_get_priority_max", Scheduling.SCHED_FIFO));
        assertEquals(1, call(twoCpus, "sched_get_priority_min", Scheduling.SCHED_RR));
        assertEquals(0, call(twoCpus, "sched_get_priority_min", Scheduling.SCHED_BATCH));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_get_priority_max", 9));
        assertEquals(-Errno.EINVAL, call(twoCpus, "sched_get_priority_min", 4));
    }

    @Test
    void niceValuesFollowTheUnprivilegedRules() {
        Priority priority = new Priority();
        process.setRlimit(GuestProcess.RLIMIT_NICE, 0, 0); // Linux's default
        assertEquals(20, new FakeCall("getpriority", process.mainThread()).invoke(priority::getPriority, 0, 0));
        assertEquals(-Errno.EINVAL, new FakeCall("getpriority", process.mainThread()).invoke(priority::getPriority, 3, 0));
        assertEquals(0, new FakeCall("setpriority", process.mainThread()).invoke(priority::setPriority, 0, 0, 5));
        assertEquals(15, new FakeCall("getpriority", process.mainThread()).invoke(priority::getPriority, 0, 0));
        assertEquals(-Errno.EACCES, new FakeCall("setpriority", process.mainThread()).invoke(priority::setPriority, 0, 0, 0),
            "lowering needs RLIMIT_NICE");
        process.setRlimit(GuestProcess.RLIMIT_NICE, 20, 20);
        assertEquals(0, new FakeCall("setpriority", process.mainThread()).invoke(priority::setPriority, 0, 0, 0));
        assertEquals(0, new FakeCall("setpriority", process.mainThread()).invoke(priority::setPriority, 0, 0, 100));
        assertEquals(1, new FakeCall("getpriority", process.mainThread()).invoke(priority::getPriority, 0, 0), "clamped to 19");
    }
}
