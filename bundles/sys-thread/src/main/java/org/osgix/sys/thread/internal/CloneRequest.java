package org.osgix.sys.thread.internal;

/**
 * A decoded clone or clone3 call: the flags (exit signal removed), the child's stack pointer
 * (0 = the parent's), where to store the child's tid, and the TLS base.
 */
record CloneRequest(long flags, long stack, long parentTid, long childTid, long tls) {
    boolean has(long flag) {
        return (flags & flag) != 0;
    }
}
