package org.osgix.engine.unicorn.internal;

import org.osgi.service.component.annotations.Component;
import org.osgix.engine.CpuEngine;
import org.osgix.engine.Machine;

/** The x86_64 CPU engine on Debian's libunicorn 2. */
@Component(service = CpuEngine.class, property = {CpuEngine.ARCH + "=" + UnicornEngine.ARCH_NAME,
    CpuEngine.NAME + "=" + UnicornEngine.ENGINE_NAME})
public final class UnicornEngine implements CpuEngine {
    static final String ARCH_NAME = "x86_64", ENGINE_NAME = "unicorn";

    private volatile CpuidTable cpuid;

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
        try {
            cpuidTable();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return "libunicorn 2 cannot be loaded (" + e.getMessage() + ")";
        }
    }

    @Override
    public Machine createMachine() {
        return new UnicornMachine(cpuidTable());
    }

    /** Probed on first use, not at activation: it loads libunicorn. */
    private CpuidTable cpuidTable() {
        CpuidTable table = cpuid;
        if (table == null) {
            synchronized (this) {
                table = cpuid;
                if (table == null) {
                    table = CpuidTable.probe();
                    cpuid = table;
                }
            }
        }
        return table;
    }
}
