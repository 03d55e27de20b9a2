package org.osgix.sys.files.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestFault;
import org.osgix.syscall.GuestMemory;

/**
 * execve's argv and envp: NULL-terminated arrays of pointers to strings in guest memory, read as
 * Linux copies them. A bad pointer is EFAULT; a string longer than MAX_ARG_STRLEN, or strings and
 * pointers past a quarter of the 8 MiB stack (Linux's limit for the default stack rlimit), E2BIG —
 * checked while reading, so a hostile array cannot make the emulator read without bound.
 */
final class ExecStrings {
    /** Linux's MAX_ARG_STRLEN, the NUL included. */
    static final int MAX_STRING = 32 * 4096;
    /** The bytes argv and envp may take together, pointers included. */
    static final long LIMIT = (8L << 20) / 4;

    private final List<String> argv = new ArrayList<>();
    private final List<String> envp = new ArrayList<>();
    private long total;
    /** 0, or the errno reading stopped with (reported only once the path was found). */
    private int errno;

    /** Reads both arrays (a null array pointer is an empty array). */
    static ExecStrings read(GuestMemory memory, long argvAddr, long envpAddr) {
        ExecStrings strings = new ExecStrings();
        try {
            strings.readArray(memory, argvAddr, strings.argv);
            strings.readArray(memory, envpAddr, strings.envp);
        } catch (GuestFault fault) {
            strings.errno = Errno.EFAULT;
        } catch (TooBig big) {
            strings.errno = Errno.E2BIG;
        }
        return strings;
    }

    private void readArray(GuestMemory memory, long array, List<String> into) {
        if (array == 0) {
            return;
        }
        for (long slot = array;; slot += Long.BYTES) {
            long p = memory.readLong(slot);
            if (p == 0) {
                return;
            }
            String s = memory.readCString(p, MAX_STRING - 1);
            if (s == null) {
                throw new TooBig();
            }
            total += Long.BYTES + s.length() + 1L; // chars are a lower bound of the bytes
            if (total > LIMIT) {
                throw new TooBig();
            }
            into.add(s);
        }
    }

    List<String> argv() {
        return argv;
    }

    List<String> envp() {
        return envp;
    }

    int errno() {
        return errno;
    }

    private static final class TooBig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooBig() {
            super(null, null, false, false);
        }
    }
}
