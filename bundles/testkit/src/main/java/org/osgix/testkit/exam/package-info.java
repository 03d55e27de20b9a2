/** Pax Exam options that provision osgix into a test framework (used outside the framework). */
@Export
@Version("1.0.0")
package org.osgix.testkit.exam;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
