/** The x86_64 architecture: syscall numbers and arch_prctl (private implementation). */
package org.osgix.arch.x86_64.internal;
