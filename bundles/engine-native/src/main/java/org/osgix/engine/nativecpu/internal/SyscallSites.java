package org.osgix.engine.nativecpu.internal;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgix.engine.Machine;

/**
 * Rewrites a syscall site after its first trap, so later calls reach the run loop without a
 * signal (~0.3 µs instead of ~3.4 µs here). A site is the common {@code mov $nr,%eax; syscall}
 * (or {@code mov $nr,%rax; syscall}): its {@code mov} becomes a {@code jmp} to a stub that stores
 * the return address in the vCPU (through GS), sets EAX as the {@code mov} did and jumps to the
 * shim's fast entry. The {@code syscall} instruction itself is left alone, so code that jumps
 * straight to it still traps and stays correct.
 *
 * <p>The 5 rewritten bytes are written with one 8-byte compare-and-swap when they sit in one
 * aligned quadword (other threads may be executing them), otherwise only while the process has
 * a single thread. Sites in shared file mappings are never written.
 */
final class SyscallSites {
    /** mov 0x8(%rsp), %r9: the last instruction before the syscall in glibc's syscall(). */
    private static final byte[] MOV_R9_FROM_STACK = {0x4c, (byte) 0x8b, 0x4c, 0x24, 0x08};
    private static final int ANY_NUMBER = -1;
    private static final int OPCODE_MOV_EAX = 0xb8, OPCODE_JMP = 0xe9, REX_W = 0x48, OPCODE_MOV_RM = 0xc7,
        MODRM_RAX = 0xc0;
    private static final int SYSCALL_LENGTH = 2, JMP_LENGTH = 5;
    private static final int PROT_EXEC = 4, PROT_RWX = 7;
    private static final long BLOCK_SIZE = 64 * 1024, STUB_STRIDE = 48, STUBS_START = 64;
    private static final long REACH = (1L << 31) - 2 * BLOCK_SIZE;
    private static final long SYS_MUNMAP = NativeMachine.SYS_MUNMAP;
    private static final long MAP_PRIVATE_ANON_NOREPLACE = 0x02 | 0x20 | 0x100000;

    private final NativeMachine machine;
    /** Sites that cannot be rewritten (checked before taking the lock). */
    private final Set<Long> refused = ConcurrentHashMap.newKeySet();
    /** Stubs by site address: {stub, number, return address} (under the machine lock). */
    private final Map<Long, long[]> stubs = new HashMap<>();
    private final List<long[]> blocks = new ArrayList<>(); // {base, next free}
    private final long fastEntry = NativeShim.osgix_symbol(2);
    private int rewritten;

    SyscallSites(NativeMachine machine) {
        this.machine = machine;
    }

    /** Off with {@code -Dosgix.native.rewrite=false}: every syscall then traps (for comparisons). */
    private static final boolean DEBUG = Boolean.getBoolean("osgix.native.debug");
    static final boolean ENABLED = !"false".equals(System.getProperty("osgix.native.rewrite"));

    /** Called after a SUD trap: {@code next} is the address after the syscall instruction. */
    void trapped(long next, long number) {
        long syscall = next - SYSCALL_LENGTH;
        if (!ENABLED || number < 0 || number > Integer.MAX_VALUE || refused.contains(syscall)) {
            return;
        }
        machine.lock();
        try {
            if (!rewrite(syscall, (int) number)) {
                refused.add(syscall);
            }
        } finally {
            machine.unlock();
        }
    }

    /**
     * Unmaps every stub block and forgets every site (the machine closes: process exit, or
     * execve, whose new program may be mapped where the old one's stubs were).
     */
    void release() {
        for (long[] b : blocks) {
            NativeShim.osgix_raw_syscall(SYS_MUNMAP, b[0], BLOCK_SIZE, 0, 0, 0, 0);
        }
        blocks.clear();
        stubs.clear();
        refused.clear();
    }

    int rewritten() {
        return rewritten;
    }

    private boolean rewrite(long syscall, int trappedNumber) {
        int number = trappedNumber;
        MemoryRegions.Region region = machine.regions().covering(syscall - 10, syscall + SYSCALL_LENGTH);
        if (region == null || (region.prot() & PROT_EXEC) == 0 || (region.flags() & Machine.MAP_SHARED_FILE) != 0) {
            return false;
        }
        Pointer code = new Pointer(syscall - 10); // the instruction before ends where the syscall starts
        int movLength;
        byte[] moved; // what the stub executes in place of the rewritten instruction
        if (u8(code, 5) == OPCODE_MOV_EAX && !isPrefix(u8(code, 4)) && code.getInt(6) == number) {
            movLength = 5; // b8 imm32: mov $nr, %eax
            moved = code.getByteArray(5, 5);
        } else if (u8(code, 3) == REX_W && u8(code, 4) == OPCODE_MOV_RM && u8(code, 5) == MODRM_RAX
                && !isPrefix(u8(code, 2)) && code.getInt(6) == number) {
            movLength = 7; // 48 c7 c0 imm32: mov $nr, %rax (the stub's mov $nr, %eax is the same for nr >= 0)
            moved = new byte[] {(byte) OPCODE_MOV_EAX, 0, 0, 0, 0};
            System.arraycopy(code.getByteArray(6, 4), 0, moved, 1, 4);
        } else if (matches(code, 5, MOV_R9_FROM_STACK) && !isPrefix(u8(code, 4))) {
            movLength = 5; // glibc's syscall(): mov 0x8(%rsp), %r9 with the number already in RAX
            moved = MOV_R9_FROM_STACK.clone();
            number = ANY_NUMBER;
        } else {
            return false;
        }
        long site = syscall - movLength;
        if (machine.regions().covering(site, site + 8) != region) {
            return false;
        }
        long stub = stubFor(site, syscall + SYSCALL_LENGTH, number, moved);
        if (stub == 0) {
            return false;
        }
        long jump = OPCODE_JMP | ((stub - (site + JMP_LENGTH)) & 0xffff_ffffL) << 8;
        long base = site & ~7L;
        boolean oneQuadword = site + JMP_LENGTH <= base + 8;
        if (!oneQuadword && machine.liveVcpus() > 1) {
            return false;
        }
        long at = oneQuadword ? base : site;
        int shift = (int) (site - at) * 8;
        long old = new Pointer(at).getLong(0);
        long mask = 0xff_ffff_ffffL << shift;
        long replacement = (old & ~mask) | (jump << shift);
        long r = NativeShim.osgix_patch(at, old, replacement, region.prot());
        if (r == 0) {
            rewritten++;
        }
        if (DEBUG) {
            System.err.printf("osgix-native: site %x len %d nr %d stub %x at %x old %x new %x -> %d%n", site, movLength,
                    number, stub, at, old, replacement, r);
        }
        return r == 0;
    }

    private static int u8(Pointer p, long off) {
        return p.getByte(off) & 0xff;
    }

    /** A byte that would make the instruction start earlier (legacy or REX prefix). */
    private static boolean isPrefix(int b) {
        return (b & 0xf0) == 0x40 || b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 || b == 0xf3 || b == 0x2e
            || b == 0x3e || b == 0x26 || b == 0x36 || b == 0x64 || b == 0x65;
    }

    private static boolean matches(Pointer p, long off, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (p.getByte(off + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** A stub within a rel32 jump of {@code site}, or 0 when no memory can be had there. */
    private long stubFor(long site, long returnAddress, int number, byte[] moved) {
        long[] existing = stubs.get(site);
        if (existing != null && existing[1] == number && existing[2] == returnAddress) {
            return existing[0]; // the same code mapped again at the same place
        }
        long[] block = null;
        for (long[] b : blocks) {
            if (Math.abs(b[0] - site) < REACH && b[1] + STUB_STRIDE <= b[0] + BLOCK_SIZE) {
                block = b;
                break;
            }
        }
        if (block == null) {
            long base = allocateNear(site);
            if (base == 0) {
                return 0;
            }
            new Pointer(base).setLong(0, fastEntry);
            block = new long[] {base, base + STUBS_START};
            blocks.add(block);
        }
        long stub = block[1];
        block[1] += STUB_STRIDE;
        writeStub(new Pointer(stub), stub, block[0], returnAddress, moved);
        stubs.put(site, new long[] {stub, number, returnAddress});
        return stub;
    }

    /**
     * movl $lo, %gs:RIP; movl $hi, %gs:RIP+4; the rewritten instruction; jmp *fastEntry(%rip). No
     * flags and no register but the rewritten instruction's change, and nothing is written to the
     * guest's stack.
     */
    private static void writeStub(Pointer p, long stub, long slot, long returnAddress, byte[] moved) {
        int at = 0;
        at = storeGs(p, at, NativeLayout.RIP, (int) returnAddress);
        at = storeGs(p, at, NativeLayout.RIP + 4, (int) (returnAddress >>> 32));
        p.write(at, moved, 0, moved.length);
        at += moved.length;
        p.setByte(at++, (byte) 0xff);
        p.setByte(at++, (byte) 0x25);
        p.setInt(at, (int) (slot - (stub + at + 4)));
    }

    private static int storeGs(Pointer p, int at, int offset, int value) {
        p.setByte(at, (byte) 0x65); // GS
        p.setByte(at + 1, (byte) 0xc7); // mov imm32 to r/m32
        p.setByte(at + 2, (byte) 0x04); // SIB follows
        p.setByte(at + 3, (byte) 0x25); // absolute disp32
        p.setInt(at + 4, offset);
        p.setInt(at + 8, value);
        return at + 12;
    }

    /** The stub blocks, {base, used length} pairs (under the machine lock): a fork copies them. */
    long[] blocks() {
        long[] out = new long[2 * blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            out[2 * i] = blocks.get(i)[0];
            out[2 * i + 1] = blocks.get(i)[1] - blocks.get(i)[0];
        }
        return out;
    }

    /**
     * A forked child's copy of a parent's stub block: the same stubs at the same address (the
     * child's guest code jumps to them), whose shared slot now holds this process's fast entry.
     */
    boolean adopt(long base, byte[] bytes) {
        if (bytes.length < STUBS_START || bytes.length > BLOCK_SIZE) {
            return false;
        }
        long got = NativeShim.osgix_raw_syscall(NativeMachine.SYS_MMAP, base, BLOCK_SIZE, PROT_RWX,
                MAP_PRIVATE_ANON_NOREPLACE, -1, 0);
        if (got != base) {
            return false;
        }
        Pointer p = new Pointer(base);
        p.write(0, bytes, 0, bytes.length);
        p.setLong(0, fastEntry);
        blocks.add(new long[] {base, base + bytes.length});
        return true;
    }

    /** A stub block at most ~2 GiB from {@code site}, claimed without replacing anything. */
    private static long allocateNear(long site) {
        long aligned = site & ~(BLOCK_SIZE - 1);
        for (int k = 1; k <= 64; k++) {
            for (long candidate : new long[] {aligned - k * (16L << 20), aligned + k * (16L << 20)}) {
                if (candidate <= 0x10000 || candidate >= 0x7fff_ffff_0000L) {
                    continue;
                }
                long got = NativeShim.osgix_raw_syscall(NativeMachine.SYS_MMAP, candidate, BLOCK_SIZE, PROT_RWX,
                        MAP_PRIVATE_ANON_NOREPLACE, -1, 0);
                if (got == candidate) {
                    return got;
                }
            }
        }
        return 0;
    }
}
