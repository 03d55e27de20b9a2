package org.osgix.exec;

/**
 * A program loaded into an address space: where to start ({@code entry}, normally the
 * interpreter's entry for dynamic programs), the initial stack pointer (pointing at argc), and
 * the guest path of the program finally run (a script's interpreter for {@code #!}).
 */
public record LoadedImage(long entry, long stackPointer, String executable, java.util.List<String> argv) {
}
