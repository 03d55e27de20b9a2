/** The syscall-handler whiteboard: handlers, the context they run in, guest memory, threads, processes and Linux errno values. */
@Export
@Version("1.4.0")
package org.osgix.syscall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
