/** Signal delivery: the kernel's hooks into the signal family (frames, faults, restarts). */
@Export
@Version("1.3.0")
package org.osgix.signal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
