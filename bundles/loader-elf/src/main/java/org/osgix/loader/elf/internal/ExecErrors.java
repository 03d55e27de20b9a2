package org.osgix.loader.elf.internal;

import org.osgix.exec.ExecException;
import org.osgix.syscall.Errno;

/** Builds {@link ExecException}s carrying the message strerror(3) gives for the errno. */
final class ExecErrors {
    /** Not in {@link Errno}: execve returns it for an unusable ELF interpreter. */
    static final int ELIBBAD = 80;

    private ExecErrors() {
    }

    static ExecException of(int errno) {
        return new ExecException(errno, message(errno));
    }

    static ExecException formatError() {
        return of(Errno.ENOEXEC);
    }

    private static String message(int errno) {
        return switch (errno) {
            case Errno.ENOENT -> "No such file or directory";
            case Errno.EIO -> "Input/output error";
            case Errno.E2BIG -> "Argument list too long";
            case Errno.ENOEXEC -> "Exec format error";
            case Errno.ENOMEM -> "Cannot allocate memory";
            case Errno.EACCES -> "Permission denied";
            case Errno.ENOTDIR -> "Not a directory";
            case Errno.ETXTBSY -> "Text file busy";
            case Errno.ENAMETOOLONG -> "File name too long";
            case Errno.ELOOP -> "Too many levels of symbolic links";
            case ELIBBAD -> "Accessing a corrupted shared library";
            default -> "errno " + errno;
        };
    }
}
