package org.osgix.sys.thread.internal;

/** Linux clone flags (linux/sched.h). */
final class CloneFlags {
    static final long CSIGNAL = 0xff;
    static final long CLONE_NEWTIME = 0x80;
    static final long CLONE_VM = 0x100;
    static final long CLONE_FS = 0x200;
    static final long CLONE_FILES = 0x400;
    static final long CLONE_SIGHAND = 0x800;
    static final long CLONE_PIDFD = 0x1000;
    static final long CLONE_PTRACE = 0x2000;
    static final long CLONE_VFORK = 0x4000;
    static final long CLONE_PARENT = 0x8000;
    static final long CLONE_THREAD = 0x10000;
    static final long CLONE_NEWNS = 0x20000;
    static final long CLONE_SYSVSEM = 0x40000;
    static final long CLONE_SETTLS = 0x80000;
    static final long CLONE_PARENT_SETTID = 0x100000;
    static final long CLONE_CHILD_CLEARTID = 0x200000;
    static final long CLONE_DETACHED = 0x400000;
    static final long CLONE_UNTRACED = 0x800000;
    static final long CLONE_CHILD_SETTID = 0x1000000;
    static final long CLONE_NEWCGROUP = 0x2000000;
    static final long CLONE_NEWUTS = 0x4000000;
    static final long CLONE_NEWIPC = 0x8000000;
    static final long CLONE_NEWUSER = 0x10000000;
    static final long CLONE_NEWPID = 0x20000000;
    static final long CLONE_NEWNET = 0x40000000;
    static final long CLONE_IO = 0x80000000L;
    /** clone3 only. */
    static final long CLONE_CLEAR_SIGHAND = 1L << 32;
    /** clone3 only. */
    static final long CLONE_INTO_CGROUP = 1L << 33;

    /** The namespaces a clone may create (all need privileges osgix guests do not have). */
    static final long NAMESPACES = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC
        | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;

    /** What glibc and musl pthread_create pass (plus CLONE_CHILD_SETTID, which some add). */
    static final long PTHREAD = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD
        | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;

    private CloneFlags() {
    }
}
