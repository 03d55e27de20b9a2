/**
 * The ioctl-handler whiteboard: {@link org.osgix.ioctl.IoctlHandler} services serve ioctl request
 * codes (per descriptor kind); the highest {@code service.ranking} per code and kind wins.
 */
@Export
@Version("1.2.0")
package org.osgix.ioctl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
