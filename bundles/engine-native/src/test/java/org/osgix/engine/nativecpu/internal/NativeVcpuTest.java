package org.osgix.engine.nativecpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/** The native engine on hand-made guest code, in the test's own JVM (whose signal handlers keep working). */
class NativeVcpuTest {
    private static final long PAGE = 4096, PROT_RW = 3, PROT_RX = 5, MAP_PRIVATE_ANON = 0x22;

    private NativeMachine machine;
    private long code;
    private long stack;

    @BeforeEach
    void setUp() {
        assertNull(NativeEngine.probe(), "this host must run the native engine");
        machine = (NativeMachine) new NativeEngine().createMachine();
        code = NativeShim.osgix_raw_syscall(NativeMachine.SYS_MMAP, 0, PAGE, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
        stack = NativeShim.osgix_raw_syscall(NativeMachine.SYS_MMAP, 0, 16 * PAGE, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
    }

    @AfterEach
    void tearDown() {
        NativeShim.osgix_raw_syscall(NativeMachine.SYS_MUNMAP, code, PAGE, 0, 0, 0, 0);
        NativeShim.osgix_raw_syscall(NativeMachine.SYS_MUNMAP, stack, 16 * PAGE, 0, 0, 0, 0);
        machine.close();
    }

    /** Writes {@code bytes} as the guest's code (read + exec, as the kernel would map it). */
    private void load(int... bytes) {
        Pointer p = new Pointer(code);
        for (int i = 0; i < bytes.length; i++) {
            p.setByte(i, (byte) bytes[i]);
        }
        assertEquals(0, machine.map(code, PAGE, (int) PROT_RX, 0));
    }

    private Vcpu start(TrapHandler traps) {
        Vcpu cpu = machine.newVcpu(traps);
        cpu.set(CpuRegister.PC, code);
        cpu.set(CpuRegister.SP, stack + 16 * PAGE - 64);
        return cpu;
    }

    @Test
    void layoutMatchesTheShim() {
        for (int i = 0; i < NativeLayout.CHECKED.length; i++) {
            assertEquals(NativeLayout.CHECKED[i], NativeShim.osgix_layout(i), "field " + i);
        }
    }

    @Test
    void syscallsReachTheTrapHandlerAndTheirSitesAreRewritten() {
        // rbx = 1000; loop: mov $39,%eax; syscall; add %rax,%r12; dec %rbx; jnz loop; ud2
        load(0x48, 0xc7, 0xc3, 0xe8, 0x03, 0x00, 0x00, // mov $1000, %rbx
            0x4d, 0x31, 0xe4, // xor %r12, %r12
            0xb8, 0x27, 0x00, 0x00, 0x00, 0x0f, 0x05, // loop (offset 10): mov $39, %eax; syscall
            0x49, 0x01, 0xc4, // add %rax, %r12
            0x48, 0xff, 0xcb, // dec %rbx
            0x75, 0xf1, // jnz loop
            0x0f, 0x0b); // ud2
        List<long[]> calls = new ArrayList<>();
        Vcpu cpu = start((nr, a0, a1, a2, a3, a4, a5) -> {
            calls.add(new long[] {nr});
            return 2;
        });
        try {
            assertEquals(Machine.EXIT_ILLEGAL, cpu.run());
            assertEquals(1000, calls.size());
            assertEquals(39, calls.get(999)[0]);
            assertEquals(2000, cpu.get(CpuRegister.X86_R12), "each result reached RAX");
            assertEquals(code + 25, cpu.get(CpuRegister.PC), "the fault is reported at the ud2");
            assertEquals(1, machine.sites().rewritten(), "the site was rewritten after its first trap");
            assertEquals(0xe9, new Pointer(code + 10).getByte(0) & 0xff, "the mov became a jmp");
            assertEquals(0x0f, new Pointer(code + 15).getByte(0) & 0xff, "the syscall instruction stays");
        } finally {
            cpu.close();
        }
    }

    @Test
    void glibcsGenericSyscallWrapperIsRewrittenToo() {
        load(0x48, 0xc7, 0xc3, 0xe8, 0x03, 0x00, 0x00, // mov $1000, %rbx
            0xb8, 0x27, 0x00, 0x00, 0x00, // loop (offset 7): mov $39, %eax
            0x4c, 0x8b, 0x4c, 0x24, 0x08, // mov 0x8(%rsp), %r9 (syscall()'s last argument move)
            0x0f, 0x05, // syscall
            0x48, 0xff, 0xcb, // dec %rbx
            0x75, 0xef, // jnz loop
            0x0f, 0x0b); // ud2
        new Pointer(stack + 16 * PAGE - 64 + 8).setLong(0, 0x5151);
        long[] seen = new long[2];
        Vcpu cpu = start((nr, a0, a1, a2, a3, a4, a5) -> {
            seen[0]++;
            seen[1] = a5;
            return 0;
        });
        try {
            assertEquals(Machine.EXIT_ILLEGAL, cpu.run());
            assertEquals(1000, seen[0]);
            assertEquals(0x5151, seen[1], "the moved instruction still loads R9 in the stub");
            assertEquals(1, machine.sites().rewritten());
            assertEquals(0xe9, new Pointer(code + 12).getByte(0) & 0xff);
        } finally {
            cpu.close();
        }
    }

    @Test
    void faultsComeBackAsExitsWithTheirAddress() {
        load(0x48, 0x8b, 0x04, 0x25, 0x10, 0x00, 0x00, 0x00); // mov 0x10, %rax
        Vcpu cpu = start((nr, a0, a1, a2, a3, a4, a5) -> 0);
        try {
            assertEquals(Machine.EXIT_SEGV, cpu.run());
            assertEquals(0x10, cpu.faultAddress());
            assertEquals(code, cpu.get(CpuRegister.PC));
        } finally {
            cpu.close();
        }
    }

    @Test
    void aSpinningThreadStopsOnRequestAndResumesWhereItStopped() throws Exception {
        load(0x48, 0xff, 0xc3, 0xeb, 0xfb); // loop: inc %rbx; jmp loop
        AtomicReference<Vcpu> running = new AtomicReference<>();
        int[] exits = new int[2];
        Thread guest = new Thread(() -> {
            Vcpu cpu = start((nr, a0, a1, a2, a3, a4, a5) -> 0);
            running.set(cpu);
            exits[0] = cpu.run();
            long first = cpu.get(CpuRegister.X86_RBX);
            cpu.requestStop(); // pending before the next entry: the run returns at once
            exits[1] = cpu.run();
            assertEquals(first, cpu.get(CpuRegister.X86_RBX), "an aborted entry runs no instruction");
            cpu.close();
        });
        guest.start();
        while (running.get() == null) {
            Thread.onSpinWait();
        }
        Thread.sleep(50);
        running.get().requestStop();
        guest.join(10_000);
        assertEquals(Machine.EXIT_STOPPED, exits[0]);
        assertEquals(Machine.EXIT_STOPPED, exits[1]);
    }

    @Test
    void aClonedVcpuCopiesRegistersAndVectorState() {
        load(0x0f, 0x0b);
        Vcpu parent = start((nr, a0, a1, a2, a3, a4, a5) -> 0);
        Vcpu child = machine.newVcpu((nr, a0, a1, a2, a3, a4, a5) -> 0);
        try {
            parent.set(CpuRegister.X86_R15, 0x1234);
            byte[] vector = new byte[parent.vectorStateSize()];
            parent.readVectorState(vector);
            vector[160] = 42; // XMM0's first byte
            vector[512] |= 2; // XSTATE_BV: SSE state present
            parent.writeVectorState(vector);
            child.copyFrom(parent);
            assertEquals(0x1234, child.get(CpuRegister.X86_R15));
            byte[] copied = new byte[child.vectorStateSize()];
            child.readVectorState(copied);
            assertArrayEquals(vector, copied);
            assertTrue(child.vectorStateSize() >= 576);
        } finally {
            parent.close();
            child.close();
        }
    }
}
