package org.osgix.sys.thread.internal;

import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestProcess;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;
import org.osgix.syscall.SyscallHandler;

/**
 * futex(2): wait, wake, requeue and wake-op. Argument checks and their order follow Linux
 * (timeout first, then clock flag, bitset, alignment, the word). The PI operations and the
 * removed FUTEX_FD are ENOSYS.
 *
 * <p>Two kinds of keys, as Linux's private and shared ones: a process-private operation, or any
 * operation on private memory, uses the process's {@link FutexTable} (the word's address is the
 * key; only this process's threads can reach it). A shared operation (no FUTEX_PRIVATE_FLAG) on
 * a word in a shared mapping may come from another process — a fork's child mapping the same
 * pages — so it is the host's own futex on the word's host address: waits sleep in the host
 * kernel ({@link GuestThread#awaitHostFutex}, interruptible), wakes, requeues and wake-ops are
 * host calls, and the host matches keys across processes by the shared page. A two-word
 * operation takes its kind from the first word.
 */
final class Futex implements SyscallHandler {
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
        FUTEX_WAKE_OP = 5, FUTEX_LOCK_PI = 6, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
    static final int FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
    static final String PARTIAL_NOTE = "no priority-inheritance operations (LOCK_PI, UNLOCK_PI, "
        + "TRYLOCK_PI, *_REQUEUE_PI, LOCK_PI2 are ENOSYS)";

    /** The host's futex(2) ({@code Host.futex}), for the non-blocking operations on shared keys. */
    @FunctionalInterface
    interface HostCall {
        long futex(long address, int op, int value, long value2, long address2, int value3);
    }

    private final HostCall host;

    Futex(HostCall host) {
        this.host = host;
    }

    @Override
    public long handle(SyscallContext call) {
        long address = call.arg0();
        int op = call.intArg(1);
        int value = call.intArg(2);
        int command = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        boolean realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
        boolean shared = (op & FUTEX_PRIVATE_FLAG) == 0;
        if (realtime && command != FUTEX_WAIT && command != FUTEX_WAIT_BITSET) {
            return -Errno.ENOSYS;
        }
        return switch (command) {
            case FUTEX_WAIT -> wait(call, address, value, FutexTable.MATCH_ANY, false, realtime, shared);
            case FUTEX_WAIT_BITSET -> wait(call, address, value, call.intArg(5), true, realtime, shared);
            case FUTEX_WAKE -> wake(call, address, value, FutexTable.MATCH_ANY, shared);
            case FUTEX_WAKE_BITSET -> wake(call, address, value, call.intArg(5), shared);
            case FUTEX_REQUEUE -> requeue(call, address, value, false, shared);
            case FUTEX_CMP_REQUEUE -> requeue(call, address, value, true, shared);
            case FUTEX_WAKE_OP -> wakeOp(call, address, value, shared);
            default -> -Errno.ENOSYS;
        };
    }

    /**
     * Wakes up to {@code limit} waiters (at least one) on {@code address} of {@code process}: the
     * exit path's wake of the clear-child-tid word and of robust futexes.
     *
     * @return the number woken
     */
    int wake(GuestProcess process, long address, int limit) {
        AddressSpace memory = process.memory();
        if (memory.isShared(address)) { // Linux's exit path wakes with a shared key
            long hostAddress = memory.hostAddress(address, Integer.BYTES, 0);
            return hostAddress < 0 ? 0 : (int) Math.max(0, host.futex(hostAddress, FUTEX_WAKE, limit, 0, 0, 0));
        }
        return table(process).wake(address, limit, FutexTable.MATCH_ANY);
    }

    private static FutexTable table(GuestProcess process) {
        return process.state(FutexTable.class, FutexTable::new);
    }

    /** FUTEX_WAIT (relative timeout) and FUTEX_WAIT_BITSET (absolute deadline). */
    private static long wait(SyscallContext call, long address, int expected, int bitset,
            boolean absolute, boolean realtime, boolean shared) {
        AddressSpace memory = call.memory();
        long timeoutAddress = call.arg3();
        long timeout = 0;
        if (timeoutAddress != 0) {
            timeout = Timespecs.readNanos(memory, timeoutAddress);
            if (timeout < 0) {
                return timeout;
            }
        }
        if (realtime && !absolute) {
            return -Errno.ENOSYS; // Linux accepts the realtime clock only for absolute waits
        }
        if (bitset == 0) {
            return -Errno.EINVAL;
        }
        if (!aligned(address)) {
            return -Errno.EINVAL;
        }
        long now = System.nanoTime();
        long deadline = 0;
        boolean timed = false;
        if (timeoutAddress != 0 && timeout != Long.MAX_VALUE) {
            long left = absolute ? timeout - (realtime ? Timespecs.realtimeNanos() : now) : timeout;
            deadline = now + left;
            timed = left <= 0 || deadline > now; // an overflowing deadline means "never"
        }
        return sleep(call, address, expected, bitset, timed, deadline, shared && memory.isShared(address));
    }

    /**
     * Sleeps on a table or host key. An interrupted timed wait leaves a restart block that waits
     * again (the word checked anew) until the same deadline, Linux's futex_wait_restart; after a
     * handler it is EINTR.
     */
    private static long sleep(SyscallContext call, long address, int expected, int bitset, boolean timed,
            long deadline, boolean hostKey) {
        long r;
        if (hostKey) {
            long hostAddress = call.memory().hostAddress(address, Integer.BYTES, GuestMemory.PROT_READ);
            r = hostAddress < 0 ? hostAddress
                : call.thread().awaitHostFutex(hostAddress, expected, bitset, timed, deadline);
        } else {
            r = table(call.process()).wait(call.memory(), call.thread(), address, expected, bitset, timed, deadline);
        }
        if (timed && r == -Errno.EINTR) {
            call.thread().setRestartBlock(c -> sleep(c, address, expected, bitset, true, deadline, hostKey));
        }
        return r;
    }

    private long wake(SyscallContext call, long address, int limit, int bitset, boolean shared) {
        if (bitset == 0) {
            return -Errno.EINVAL;
        }
        AddressSpace memory = call.memory();
        int invalid = checkKey(memory, address, shared);
        if (invalid != 0) {
            return invalid;
        }
        if (shared && memory.isShared(address)) {
            return host.futex(hostWord(memory, address), FUTEX_WAKE_BITSET, limit, 0, 0, bitset);
        }
        return table(call.process()).wake(address, limit, bitset);
    }

    /** The host address of a word {@link #checkKey} accepted. */
    private static long hostWord(AddressSpace memory, long address) {
        return memory.hostAddress(address, Integer.BYTES, 0);
    }

    /** FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: the requeue count travels in the timeout slot. */
    private long requeue(SyscallContext call, long address, int wakeLimit, boolean compare,
            boolean shared) {
        int requeueLimit = call.intArg(3);
        long target = call.arg4();
        if (wakeLimit < 0 || requeueLimit < 0) {
            return -Errno.EINVAL;
        }
        AddressSpace memory = call.memory();
        int invalid = checkKey(memory, address, shared);
        if (invalid == 0) {
            invalid = checkKey(memory, target, shared);
        }
        if (invalid != 0) {
            return invalid;
        }
        if (shared && memory.isShared(address)) {
            return host.futex(hostWord(memory, address), compare ? FUTEX_CMP_REQUEUE : FUTEX_REQUEUE, wakeLimit,
                requeueLimit, hostWord(memory, target), call.intArg(5));
        }
        return table(call.process()).requeue(memory, address, target, wakeLimit, requeueLimit,
            compare, call.intArg(5));
    }

    /** FUTEX_WAKE_OP: the second wake limit travels in the timeout slot. */
    private long wakeOp(SyscallContext call, long address, int limit, boolean shared) {
        int limit2 = call.intArg(3);
        long address2 = call.arg4();
        int encodedOp = call.intArg(5);
        AddressSpace memory = call.memory();
        int invalid = checkKey(memory, address, shared);
        if (invalid == 0) {
            invalid = checkKey(memory, address2, shared);
        }
        if (invalid != 0) {
            return invalid;
        }
        if (shared && memory.isShared(address)) {
            // the host applies the operation atomically against every process's stores
            if (!memory.isAccessible(address2, Integer.BYTES, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) {
                return -Errno.EFAULT;
            }
            return host.futex(hostWord(memory, address), FUTEX_WAKE_OP, limit, limit2, hostWord(memory, address2),
                encodedOp);
        }
        long condition = call.process().exclusive(() -> FutexOp.apply(memory, address2, encodedOp));
        if (condition < 0) {
            return condition;
        }
        return table(call.process()).wakeTwo(address, limit, condition > 0, address2, limit2);
    }

    /**
     * Linux's key lookup: a misaligned word is EINVAL; a shared key needs the page to exist
     * (EFAULT), a private key is just the address.
     */
    private static int checkKey(GuestMemory memory, long address, boolean shared) {
        if (!aligned(address)) {
            return -Errno.EINVAL;
        }
        if (shared && !memory.isAccessible(address, Integer.BYTES, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        return 0;
    }

    private static boolean aligned(long address) {
        return (address & (Integer.BYTES - 1)) == 0;
    }
}
