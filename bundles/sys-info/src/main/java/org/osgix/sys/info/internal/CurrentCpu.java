package org.osgix.sys.info.internal;

import org.osgix.syscall.SyscallContext;

/** getcpu(cpu*, node*, cache): guest threads are not tied to host CPUs, so CPU 0 on node 0. */
final class CurrentCpu {
    long getcpu(SyscallContext call) {
        if (call.arg0() != 0) {
            call.memory().writeInt(call.arg0(), 0);
        }
        if (call.arg1() != 0) {
            call.memory().writeInt(call.arg1(), 0);
        }
        return 0;
    }
}
