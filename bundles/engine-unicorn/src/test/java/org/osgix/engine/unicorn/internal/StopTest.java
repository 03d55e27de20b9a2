package org.osgix.engine.unicorn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.osgix.engine.unicorn.internal.X86Code.RAX;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;

class StopTest {
    @Test
    void requestStopFromAnotherThreadEndsAnEndlessLoop() throws Exception {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            X86Code code = new X86Code();
            int loop = code.here();
            long start = g.load(code.jmp(loop));
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(g.machine::run);

            // A request landing before Unicorn has started is dropped by design: ask again.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!exit.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                g.machine.requestStop();
            }

            assertEquals(Machine.EXIT_STOPPED, exit.get(1, TimeUnit.SECONDS));
            assertEquals(start + loop, g.machine.get(CpuRegister.PC));
        }
    }

    @Test
    void aStopRequestedWhileIdleDoesNotStopTheNextRun() {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            g.load(new X86Code().movImm(RAX, 1).syscall().hlt());
            g.machine.requestStop();

            assertEquals(Machine.EXIT_SYSCALL, g.machine.run());
        }
    }

    @Test
    void stopsRacingWithTheEndOfRunsNeverLeakIntoLaterRuns() throws Exception {
        try (GuestFixture g = new GuestFixture(new RecordingTraps())) {
            X86Code code = new X86Code();
            int loop = code.here();
            long start = g.load(code.movImm(RAX, 1).syscall().jmp(loop));
            AtomicBoolean spam = new AtomicBoolean(true);
            Thread stopper = new Thread(() -> {
                while (spam.get()) {
                    g.machine.requestStop();
                }
            });
            stopper.start();
            int stopped = 0;
            int syscalls = 0;
            for (int i = 0; i < 20_000; i++) {
                int exit = g.machine.run();
                assertTrue(exit == Machine.EXIT_SYSCALL || exit == Machine.EXIT_STOPPED,
                    "exit " + exit);
                if (exit == Machine.EXIT_STOPPED) {
                    stopped++;
                } else {
                    syscalls++;
                }
            }
            spam.set(false);
            stopper.join();
            System.out.printf("under stop spam: %d runs stopped, %d reached the syscall%n",
                stopped, syscalls);

            for (int i = 0; i < 2_000; i++) {
                assertEquals(Machine.EXIT_SYSCALL, g.machine.run(), "run " + i);
            }
            assertTrue(g.machine.get(CpuRegister.PC) > start);
        }
    }
}
