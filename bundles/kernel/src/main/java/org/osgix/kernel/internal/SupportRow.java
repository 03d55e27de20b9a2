package org.osgix.kernel.internal;

import org.osgix.syscall.SyscallSupport;

/** One row of the live support table. */
record SupportRow(int number, String name, String bundle, String family, String support, String note)
        implements SyscallSupport.Row {
}
