package org.osgix.engine.unicorn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.osgix.engine.TrapHandler;

/** Records every syscall trap; answers with {@code results} (by number), DEFER by default. */
final class RecordingTraps implements TrapHandler {
    record Call(long number, long[] args) {
    }

    final List<Call> calls = new ArrayList<>();
    private final LongUnaryOperator results;

    RecordingTraps(LongUnaryOperator results) {
        this.results = results;
    }

    RecordingTraps() {
        this(number -> DEFER);
    }

    @Override
    public synchronized long onSyscall(long number, long a0, long a1, long a2, long a3, long a4,
            long a5) {
        calls.add(new Call(number, new long[] {a0, a1, a2, a3, a4, a5}));
        return results.applyAsLong(number);
    }

    synchronized Call last() {
        return calls.get(calls.size() - 1);
    }
}
