/** Program loaders: turn an executable file into a runnable guest image. */
@Export
@Version("1.2.0")
package org.osgix.exec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
