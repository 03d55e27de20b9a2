package org.osgix.exec;

/** A program that cannot be loaded, with the Linux errno execve would return. */
public final class ExecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public ExecException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** ENOENT, EACCES, ENOEXEC, ENOMEM, E2BIG, ELOOP... */
    public int errno() {
        return errno;
    }
}
