package org.osgix.syscall;

import org.osgi.annotation.versioning.ProviderType;
import org.osgix.fd.FdTable;

/**
 * One syscall in flight: its arguments and the guest thread that made it. One instance per guest
 * thread is reused for every call, so handlers must not keep it.
 */
@ProviderType
public interface SyscallContext {
    /** The Linux syscall name being served. */
    String name();

    long arg0();

    long arg1();

    long arg2();

    long arg3();

    long arg4();

    long arg5();

    /**
     * Argument {@code n} (0 to 5) as the raw 64-bit register. The typed accessors below say what
     * the argument is, the way Linux's prototype does; with a constant {@code n} the JIT folds
     * the switch, so none of them allocates or branches at run time.
     */
    default long arg(int n) {
        return switch (n) {
            case 0 -> arg0();
            case 1 -> arg1();
            case 2 -> arg2();
            case 3 -> arg3();
            case 4 -> arg4();
            case 5 -> arg5();
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    /** An {@code int} argument: the low 32 bits (Linux ignores the upper half of the register). */
    default int intArg(int n) {
        return (int) arg(n);
    }

    /** An {@code unsigned int} argument, zero-extended. */
    default long uintArg(int n) {
        return arg(n) & 0xffffffffL;
    }

    /** A descriptor argument: an {@code int} (or {@code unsigned int}) in Linux's prototypes. */
    default int fdArg(int n) {
        return (int) arg(n);
    }

    /** A guest pointer argument; check it through {@link #memory()} before use. */
    default long addressArg(int n) {
        return arg(n);
    }

    /** A {@code size_t} argument (callers compare it unsigned or reject negative values). */
    default long sizeArg(int n) {
        return arg(n);
    }

    GuestThread thread();

    GuestProcess process();

    /** Shortcut for {@code process().memory()}. */
    AddressSpace memory();

    /** Shortcut for {@code process().fds()}. */
    FdTable fds();
}
