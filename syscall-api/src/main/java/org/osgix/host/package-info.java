/** The host layer: the only code that calls the host libc and the only place a host fd is closed. */
@Export
@Version("1.3.0")
package org.osgix.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
