/**
 * The test doubles of osgix's unit tests (and of third-party bundles' tests): a call, a process and
 * its threads, guest memory, a descriptor table, a bundle context, and a guest with a family
 * registered over the real host layer. Tests keep no doubles of their own.
 */
package org.osgix.test.support;
