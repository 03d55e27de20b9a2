package org.osgix.kernel.internal;

import org.osgix.engine.CpuEngine;
import org.osgix.engine.CpuRegister;
import org.osgix.engine.Machine;
import org.osgix.engine.TrapHandler;
import org.osgix.engine.Vcpu;

/**
 * A machine without an instruction engine, for measuring the kernel's Java paths alone: it
 * accepts every mapping and runs nothing. (The kernel's test PageMachine also records pages,
 * which would measure a TreeMap instead of the kernel.)
 */
final class StubMachine implements Machine {
    /** An engine whose machines are stubs. */
    static final CpuEngine ENGINE = new CpuEngine() {
        @Override
        public String arch() {
            return "x86_64";
        }

        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public Machine createMachine() {
            return new StubMachine();
        }
    };

    @Override
    public int map(long addr, long len, int prot, int flags) {
        return 0;
    }

    @Override
    public int unmap(long addr, long len) {
        return 0;
    }

    @Override
    public void flushCode(long addr, long len) {
    }

    @Override
    public boolean hostProtections() {
        return false;
    }

    @Override
    public boolean sharedCpu() {
        return false;
    }

    @Override
    public boolean cpuContended() {
        return false;
    }

    @Override
    public void lock() {
    }

    @Override
    public void unlock() {
    }

    @Override
    public Vcpu newVcpu(TrapHandler traps) {
        return new Vcpu() {
            @Override
            public long get(CpuRegister reg) {
                return 0;
            }

            @Override
            public void set(CpuRegister reg, long value) {
            }

            @Override
            public int vectorStateSize() {
                return 0;
            }

            @Override
            public void readVectorState(byte[] dst) {
            }

            @Override
            public void writeVectorState(byte[] src) {
            }

            @Override
            public void copyFrom(Vcpu other) {
            }

            @Override
            public int run() {
                return EXIT_HALT;
            }

            @Override
            public long faultAddress() {
                return 0;
            }

            @Override
            public void requestStop() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
