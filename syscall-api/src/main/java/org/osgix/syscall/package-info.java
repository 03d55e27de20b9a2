/**
 * The syscall-handler whiteboard: handlers, the context they run in, guest memory, threads,
 * processes, and the Linux ABI constants (errno, open flags, struct stat, poll and epoll bits,
 * signal numbers; ioctl requests are {@code org.osgix.ioctl.IoctlRequests}).
 */
@Export
@Version("2.2.0")
package org.osgix.syscall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
