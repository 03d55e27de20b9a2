package org.osgix.strace.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Where trace lines go: the host's stderr, written directly (not through System.err, which a shell
 * bundle may redirect), one write per line so lines of concurrent threads never mix.
 */
final class TraceOutput {
    private final OutputStream out;

    TraceOutput(OutputStream out) {
        this.out = out;
    }

    static TraceOutput stderr() {
        return new TraceOutput(new FileOutputStream(FileDescriptor.err));
    }

    /** {@code --strace-output=FILE} (created or truncated, as strace -o), or null when it cannot be written. */
    static TraceOutput file(String path) {
        try {
            return new TraceOutput(new FileOutputStream(path));
        } catch (IOException e) {
            System.getLogger(TraceOutput.class.getName()).log(System.Logger.Level.ERROR,
                    "--strace-output: cannot write " + path + ": " + e.getMessage());
            return null;
        }
    }

    /** Writes {@code prefix + line + "\n"} (lines are ASCII: strace escapes everything else). */
    void println(String prefix, CharSequence line) {
        byte[] bytes = new byte[prefix.length() + line.length() + 1];
        int n = 0;
        for (int i = 0; i < prefix.length(); i++) {
            bytes[n++] = (byte) prefix.charAt(i);
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            bytes[n++] = c < 0x100 ? (byte) c : (byte) '?';
        }
        bytes[n] = '\n';
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // stderr is gone: tracing stops being visible, the guest goes on
            }
        }
    }
}
