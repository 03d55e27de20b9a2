package org.osgix.engine.nativecpu.internal;

import org.osgi.service.component.annotations.Component;
import org.osgix.engine.CpuEngine;
import org.osgix.engine.Machine;

/**
 * The native x86_64 engine: guest code runs on the host CPU, in this process, at its own
 * addresses; its syscalls leave the guest through Syscall User Dispatch or a rewritten syscall
 * site and are served by the kernel bundle like every other engine's. It gives up containment:
 * a wild guest store into JVM memory corrupts the emulator instead of faulting (Unicorn contains a
 * guest).
 */
@Component(service = CpuEngine.class, property = {CpuEngine.ARCH + "=" + NativeEngine.ARCH_NAME,
    CpuEngine.NAME + "=" + NativeEngine.ENGINE_NAME})
public final class NativeEngine implements CpuEngine {
    static final String ARCH_NAME = "x86_64", ENGINE_NAME = "native";

    private static volatile String unavailable;
    private static volatile boolean probed;

    @Override
    public String arch() {
        return ARCH_NAME;
    }

    @Override
    public String name() {
        return ENGINE_NAME;
    }

    @Override
    public String unavailableReason() {
        return probe();
    }

    @Override
    public Machine createMachine() {
        String why = probe();
        if (why != null) {
            throw new IllegalStateException("the native engine cannot run here: " + why);
        }
        return new NativeMachine();
    }

    /** Probes the host once: null when the engine can run, else why not. */
    static String probe() {
        if (!probed) {
            synchronized (NativeEngine.class) {
                if (!probed) {
                    unavailable = check();
                    probed = true;
                }
            }
        }
        return unavailable;
    }

    private static String check() {
        if (!"Linux".equals(System.getProperty("os.name"))
                || !"amd64".equals(System.getProperty("os.arch"))) {
            return "needs an x86_64 Linux host (this is " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ")";
        }
        try {
            int code = NativeShim.osgix_probe();
            switch (code) {
                case 0 -> {
                }
                case 2 -> {
                    return "the kernel has no Syscall User Dispatch (Linux 5.11+)";
                }
                case 3 -> {
                    return "the CPU has no XSAVEOPT, or an xsave area larger than "
                            + NativeLayout.XSAVE_MAX + " bytes";
                }
                default -> {
                    return "the host probe failed (" + code + ")";
                }
            }
            NativeShim.osgix_set_fsgsbase(HostAuxv.kernelManagesFsGsBase() ? 1 : 0);
            int installed = NativeShim.osgix_install();
            return installed == 0 ? null : "installing the signal handlers failed (errno " + -installed + ")";
        } catch (LinkageError e) {
            return "the engine's native library cannot be loaded: " + e.getMessage();
        }
    }
}
