package org.osgix.kernel.internal;

/**
 * The host object behind a shared mapping, held open for as long as a mapping refers to it: a
 * host dup of the mapped file, or the memfd an anonymous shared mapping is made of. A fork passes
 * it to the child (SCM_RIGHTS), which maps it at the same address: the two processes then share
 * the pages as Linux's parent and child do, and host futexes on them are the same futexes.
 * Identity matters (mappings split from one mmap share one), so this is a class, not a record.
 */
final class SharedBacking {
    final int hostFd;

    SharedBacking(int hostFd) {
        this.hostFd = hostFd;
    }
}
