package org.osgix.exec;

import java.util.List;

/**
 * A program loaded into an address space: where to start ({@code entry}, normally the
 * interpreter's entry for dynamic programs), the initial stack pointer (pointing at argc), the
 * guest path of the program finally run (a script's interpreter for {@code #!}), its arguments,
 * and the auxiliary vector written on the stack as raw little-endian (type, value) pairs up to
 * and including AT_NULL (what /proc/self/auxv shows: Linux keeps a copy, so the guest changing
 * its stack does not change the file).
 */
public record LoadedImage(long entry, long stackPointer, String executable, List<String> argv, byte[] auxv) {
    public LoadedImage {
        auxv = auxv.clone();
    }

    /** An image without a recorded auxiliary vector. */
    public LoadedImage(long entry, long stackPointer, String executable, List<String> argv) {
        this(entry, stackPointer, executable, argv, new byte[0]);
    }

    @Override
    public byte[] auxv() {
        return auxv.clone();
    }
}
