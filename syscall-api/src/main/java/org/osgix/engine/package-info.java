/** The CPU engine SPI: address-space views onto host memory, CPU contexts and syscall traps. */
@Export
@Version("1.0.0")
package org.osgix.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
