package org.osgix.exec;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.syscall.AddressSpace;

/**
 * Loads a program into an empty address space and builds its initial stack (argc, argv, envp,
 * auxv). Registered with property {@link #ARCH}.
 */
@ConsumerType
public interface ProgramLoader {
    String ARCH = "osgix.arch";

    /** Loads {@code request} into {@code space}; also sets the program break. */
    LoadedImage load(ExecRequest request, AddressSpace space) throws ExecException;
}
