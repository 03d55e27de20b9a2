package org.osgix.fd;

import org.osgi.annotation.versioning.ProviderType;

/** The fd-table bundle's service: makes descriptor tables. */
@ProviderType
public interface FdTableFactory {
    /** A new, empty table with RLIMIT_NOFILE {@code limit}. */
    FdTable newTable(int limit);
}
