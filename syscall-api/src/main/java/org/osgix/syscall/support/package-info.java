/**
 * Helpers for family bundles and hosts of guests: registering many syscall handlers as whiteboard
 * services, checked guest memory over host memory.
 */
@Export
@Version("1.3.0")
package org.osgix.syscall.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
