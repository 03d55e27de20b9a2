package org.osgix.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.Ranked;

/** Which handler wins a number, and whether the trap may serve it without leaving the engine. */
class DispatcherTest {
    private static final List<String> NAMES = List.of("read", "write", "getpid");

    private final Dispatcher dispatcher = new Dispatcher(new ListSyscallTable("test", NAMES));

    private static Ranked<Dispatcher.Registration> registration(SyscallHandler h, String name, int ranking,
            long serviceId, boolean nonBlocking) {
        return new Ranked<>(new Dispatcher.Registration(h, name, "test", "test", "full", null, nonBlocking),
            ranking, serviceId);
    }

    @Test
    void aNumberWithoutHandlerHasNoEntry() {
        assertNull(dispatcher.entry(2));
        assertNull(dispatcher.entry(-1));
        assertNull(dispatcher.entry(99));
    }

    @Test
    void theWinnerCarriesItsOwnNonBlockingFlag() {
        SyscallHandler quick = c -> 1;
        SyscallHandler waits = c -> 2;
        dispatcher.add(registration(quick, "getpid", 0, 1, true));
        assertSame(quick, dispatcher.entry(2).handler());
        assertTrue(dispatcher.entry(2).nonBlocking());

        // a higher-ranked override that may wait takes the number and the trap must leave
        dispatcher.add(registration(waits, "getpid", 100, 2, false));
        assertSame(waits, dispatcher.entry(2).handler());
        assertFalse(dispatcher.entry(2).nonBlocking());

        dispatcher.remove(waits);
        assertSame(quick, dispatcher.entry(2).handler());
        assertTrue(dispatcher.entry(2).nonBlocking());

        dispatcher.remove(quick);
        assertNull(dispatcher.entry(2));
    }

    @Test
    void handlersWithoutTheFlagAreServedOutsideTheEngine() {
        dispatcher.add(registration(c -> 3, "read", 0, 1, false));
        assertFalse(dispatcher.entry(0).nonBlocking());
        assertNull(dispatcher.entry(1));
    }
}
