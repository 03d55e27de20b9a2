package org.osgix.exec;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.arch.SyscallTable;
import org.osgix.syscall.AddressSpace;

/**
 * Loads a program into an empty address space and builds its initial stack (argc, argv, envp,
 * auxv). Registered with property {@link #ARCH}.
 */
@ConsumerType
public interface ProgramLoader {
    String ARCH = SyscallTable.ARCH;

    /** Loads {@code request} into {@code space}; also sets the program break. */
    LoadedImage load(ExecRequest request, AddressSpace space) throws ExecException;

    /**
     * execve's load: every check that can fail with an errno (the file, its format, the
     * interpreter, the size of the strings) runs first, then {@code pointOfNoReturn} (the caller
     * tears the old program down; it may throw to abandon the load), then the new image is
     * mapped into {@code space}. A failure after the point of no return is fatal to the process.
     */
    default LoadedImage load(ExecRequest request, AddressSpace space, Runnable pointOfNoReturn)
            throws ExecException {
        pointOfNoReturn.run();
        return load(request, space);
    }
}
