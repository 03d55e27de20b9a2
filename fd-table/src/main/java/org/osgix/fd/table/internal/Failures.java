package org.osgix.fd.table.internal;

/** Collects failures of independent clean-up steps so that every step still runs. */
final class Failures {
    private Failures() {
    }

    /** The first failure, with later ones suppressed into it. */
    static RuntimeException add(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
