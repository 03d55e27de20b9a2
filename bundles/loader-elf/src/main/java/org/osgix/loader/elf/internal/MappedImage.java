package org.osgix.loader.elf.internal;

/**
 * An ELF file mapped into a guest: the load bias (0 for ET_EXEC), the entry point and program
 * header address with the bias applied, and the page-aligned end of its highest segment.
 */
record MappedImage(long bias, long entry, long phdrAddress, long end) {
}
