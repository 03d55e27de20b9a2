/** Test doubles for the syscall families' unit tests: a call, a process, guest memory, a bundle context. */
package org.osgix.test.support;
