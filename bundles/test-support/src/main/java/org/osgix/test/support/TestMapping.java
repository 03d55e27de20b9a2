package org.osgix.test.support;

import org.osgix.syscall.AddressSpace;

/** A mapping as a test declares it (for /proc/self/maps and coverage checks). */
public record TestMapping(long start, long end, int prot, boolean shared, long offset, String name)
        implements AddressSpace.Mapping {
}
