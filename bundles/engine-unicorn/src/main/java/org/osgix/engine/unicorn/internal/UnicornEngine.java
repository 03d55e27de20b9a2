package org.osgix.engine.unicorn.internal;

import org.osgi.service.component.annotations.Component;
import org.osgix.engine.CpuEngine;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;

/** The x86_64 CPU engine on Debian's libunicorn 2. */
@Component(service = CpuEngine.class, property = CpuEngine.ARCH + "=" + UnicornEngine.ARCH_NAME)
public final class UnicornEngine implements CpuEngine {
    static final String ARCH_NAME = "x86_64";

    private volatile CpuidTable cpuid;

    @Override
    public String arch() {
        return ARCH_NAME;
    }

    @Override
    public Machine createMachine(TrapHandler traps) {
        if (traps == null) {
            throw new NullPointerException("traps");
        }
        return new UnicornMachine(traps, cpuidTable());
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
