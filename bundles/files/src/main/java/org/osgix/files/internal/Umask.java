package org.osgix.files.internal;

import java.util.function.Supplier;
import org.osgix.syscall.SyscallContext;

/** umask(2) and the guest umask applied to file creation modes. */
final class Umask {
    private final Supplier<FileCreationMask> initial;

    Umask(int hostUmask) {
        this.initial = () -> new FileCreationMask(hostUmask);
    }

    /** The calling process's umask. */
    int current(SyscallContext call) {
        return mask(call).get();
    }

    long umask(SyscallContext call) {
        return mask(call).exchange((int) call.arg0());
    }

    private FileCreationMask mask(SyscallContext call) {
        return call.process().state(FileCreationMask.class, initial);
    }
}
