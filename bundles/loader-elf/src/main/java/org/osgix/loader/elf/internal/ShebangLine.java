package org.osgix.loader.elf.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgix.exec.ExecException;

/**
 * The {@code #!} line of a script, parsed as Linux's binfmt_script does: only the first 256 bytes
 * count; the interpreter path follows {@code #!} and optional spaces/tabs and ends at a space,
 * tab or NUL; everything after the following blanks up to the end of the line (trailing blanks
 * removed) is one optional argument. An argument cut off at 256 bytes is kept truncated, but a
 * line whose interpreter path may be cut off is refused (ENOEXEC).
 */
record ShebangLine(String interpreter, String argument) {
    /** Linux's BINPRM_BUF_SIZE: the bytes of the file execve looks at. */
    static final int BUFFER_SIZE = 256;

    static boolean isScript(byte[] head) {
        return head.length >= 2 && head[0] == '#' && head[1] == '!';
    }

    /** Parses the line from the file's first bytes ({@code head}, at most 256 are used). */
    static ShebangLine parse(byte[] head) throws ExecException {
        byte[] buf = Arrays.copyOf(head, BUFFER_SIZE); // short files read as NUL-padded
        int last = BUFFER_SIZE - 1;
        int end = indexOf(buf, (byte) '\n');
        if (end < 0) {
            int first = nextNonBlank(buf, 2, last);
            if (first < 0 || nextTerminator(buf, first, last) < 0) {
                throw ExecErrors.formatError(); // all blank, or the path runs past the buffer
            }
            end = last; // the byte at 'last' is dropped, as the kernel overwrites it with NUL
        }
        while (isBlank(buf[end - 1])) {
            end--;
        }
        int name = nextNonBlank(buf, 2, end);
        if (name < 0 || name == end) {
            throw ExecErrors.formatError();
        }
        int separator = nextTerminator(buf, name, end);
        int nameEnd = separator < 0 ? end : separator;
        String argument = null;
        if (separator >= 0 && buf[separator] != 0) {
            int arg = nextNonBlank(buf, separator, end);
            if (arg >= 0) {
                argument = text(buf, arg, end);
            }
        }
        return new ShebangLine(text(buf, name, nameEnd), argument);
    }

    /** The new argv: interpreter, optional argument, the script's path, then argv[1..]. */
    List<String> rewriteArgv(List<String> argv, String scriptPath) {
        List<String> result = new ArrayList<>(argv.size() + 2);
        result.add(interpreter);
        if (argument != null) {
            result.add(argument);
        }
        result.add(scriptPath);
        result.addAll(argv.subList(Math.min(1, argv.size()), argv.size()));
        return result;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static int indexOf(byte[] buf, byte value) {
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** First index in [from, to] (inclusive) that is not a space or tab, or -1. */
    private static int nextNonBlank(byte[] buf, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!isBlank(buf[i])) {
                return i;
            }
        }
        return -1;
    }

    /** First index in [from, to] (inclusive) holding a space, tab or NUL, or -1. */
    private static int nextTerminator(byte[] buf, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (isBlank(buf[i]) || buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes [from, to) up to the first NUL, as UTF-8. */
    private static String text(byte[] buf, int from, int to) {
        int end = from;
        while (end < to && buf[end] != 0) {
            end++;
        }
        return new String(buf, from, end - from, StandardCharsets.UTF_8);
    }
}
