package org.osgix.poll;

/** A backend could not do what was asked; {@link #errno()} is the Linux errno to report. */
public final class PollException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public PollException(int errno, String message) {
        super(message, null, false, false);
        this.errno = errno;
    }

    /** The positive Linux errno (e.g. EMFILE when the host ran out of descriptors). */
    public int errno() {
        return errno;
    }
}
