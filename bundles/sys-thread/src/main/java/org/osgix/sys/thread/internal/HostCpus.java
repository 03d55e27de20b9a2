package org.osgix.sys.thread.internal;

/**
 * The CPUs a guest sees: the host's available processors, numbered from 0, as a Linux cpumask.
 * The kernel's mask size is the CPU count rounded up to whole longs (what a kernel with
 * CONFIG_CPUMASK_OFFSTACK reports, as distribution kernels do; a kernel built with a fixed
 * NR_CPUS reports more bytes, all beyond the CPUs zero).
 */
final class HostCpus {
    private final int count;
    private final byte[] mask;

    HostCpus(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("no CPUs: " + count);
        }
        this.count = count;
        this.mask = new byte[(count + Long.SIZE - 1) / Long.SIZE * Long.BYTES];
        for (int cpu = 0; cpu < count; cpu++) {
            mask[cpu / Byte.SIZE] |= (byte) (1 << (cpu % Byte.SIZE));
        }
    }

    static HostCpus ofThisHost() {
        return new HostCpus(Runtime.getRuntime().availableProcessors());
    }

    int count() {
        return count;
    }

    /** cpumask_size(): the bytes sched_getaffinity returns at most. */
    int maskBytes() {
        return mask.length;
    }

    /** The mask of every CPU (shared: do not modify). */
    byte[] mask() {
        return mask;
    }

    /** True when {@code bytes[0..len)}, read as a cpumask, names at least one of our CPUs. */
    boolean intersects(byte[] bytes, int len) {
        for (int i = 0; i < len && i < mask.length; i++) {
            if ((bytes[i] & mask[i]) != 0) {
                return true;
            }
        }
        return false;
    }
}
