package org.osgix.arch;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An architecture's syscall numbers and names, as data. Families know names only; the kernel
 * maps a trapped number to a name through this table. Registered with property {@link #ARCH}.
 */
@ConsumerType
public interface SyscallTable {
    /**
     * Service property: the guest architecture, e.g. "x86_64". Engines and program loaders carry
     * the same property ({@code CpuEngine.ARCH}, {@code ProgramLoader.ARCH} are this name).
     */
    String ARCH = "osgix.arch";

    String arch();

    /** One more than the highest syscall number. */
    int size();

    /** The name for {@code number}, or null when the architecture has no such syscall. */
    String name(int number);

    /** The number for {@code name}, or -1. */
    int number(String name);

    /** Every name, in number order. */
    List<String> names();
}
