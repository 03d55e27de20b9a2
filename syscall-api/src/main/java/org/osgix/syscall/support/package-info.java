/** Helpers for family bundles: registering many syscall handlers as whiteboard services. */
@Export
@Version("1.2.0")
package org.osgix.syscall.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
