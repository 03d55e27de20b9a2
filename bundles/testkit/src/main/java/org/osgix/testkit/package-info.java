/**
 * Running guest programs inside a test framework: compile a C program, run it through a launch
 * request, run it natively, compare.
 */
@Export
@Version("1.0.0")
package org.osgix.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
