/** Architecture descriptions: syscall number to name tables. */
@Export
@Version("1.0.0")
package org.osgix.arch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
