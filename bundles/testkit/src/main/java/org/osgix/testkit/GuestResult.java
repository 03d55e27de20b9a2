package org.osgix.testkit;

/**
 * How a program run ended: its exit status (a death by signal S is 128 + S, as a shell reports
 * it) and everything it wrote to stdout and stderr.
 */
public record GuestResult(int exitStatus, String stdout, String stderr) {

    /** The stdout lines (without line ends). */
    public java.util.List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitStatus + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
