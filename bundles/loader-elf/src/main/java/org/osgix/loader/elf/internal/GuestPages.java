package org.osgix.loader.elf.internal;

/** Page arithmetic for 4 KiB guest pages. */
final class GuestPages {
    static final long SIZE = 4096;

    private GuestPages() {
    }

    static long down(long address) {
        return address & -SIZE;
    }

    static long up(long address) {
        return (address + SIZE - 1) & -SIZE;
    }

    static long alignUp(long address, long alignment) {
        return (address + alignment - 1) & -alignment;
    }
}
