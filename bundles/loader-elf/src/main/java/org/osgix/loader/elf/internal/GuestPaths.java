package org.osgix.loader.elf.internal;

/**
 * Where the host finds a file the guest names (an ELF interpreter, a script's interpreter).
 * Identity today; a sysroot prefix goes here.
 */
final class GuestPaths {
    String toHostPath(String guestPath) {
        return guestPath;
    }
}
