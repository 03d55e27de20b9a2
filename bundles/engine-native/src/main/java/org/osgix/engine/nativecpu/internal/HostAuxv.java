package org.osgix.engine.nativecpu.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the host kernel told this process in its auxiliary vector. */
final class HostAuxv {
    private static final long AT_NULL = 0, AT_HWCAP2 = 26, HWCAP2_FSGSBASE = 1 << 1;

    private HostAuxv() {
    }

    /**
     * True when the kernel saves and restores FS/GS bases that user space wrote with wrfsbase and
     * wrgsbase. Some kernels leave the instructions usable without saying so: a context switch
     * then restores the last arch_prctl value (measured: a guest thread lost its GS base).
     */
    static boolean kernelManagesFsGsBase() {
        try {
            ByteBuffer auxv = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/self/auxv")))
                .order(ByteOrder.nativeOrder());
            while (auxv.remaining() >= 16) {
                long type = auxv.getLong();
                long value = auxv.getLong();
                if (type == AT_NULL) {
                    break;
                }
                if (type == AT_HWCAP2) {
                    return (value & HWCAP2_FSGSBASE) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: the portable way
        }
        return false;
    }
}
