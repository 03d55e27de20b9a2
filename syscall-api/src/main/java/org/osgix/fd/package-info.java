/** The guest descriptor table: slots, open file descriptions, snapshots, generations and pins. */
@Export
@Version("1.1.0")
package org.osgix.fd;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
