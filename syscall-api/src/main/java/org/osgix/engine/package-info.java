/** The CPU engine SPI: machines (memory views onto host memory), vCPUs and syscall traps. */
@Export
@Version("2.2.0")
package org.osgix.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
