package org.osgix.gvisor;

/** How one gtest case ended in one run. */
enum CaseStatus {
    /** The case reported OK. */
    PASS,
    /** The case reported FAILED. */
    FAIL,
    /** The case reported SKIPPED (GTEST_SKIP: a missing capability or feature). */
    SKIP,
    /** The program died (signal, abort, exit) while the case ran, or before any case ran. */
    CRASH,
    /** The case printed no result within the per-case timeout; the process tree was killed. */
    TIMEOUT;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
