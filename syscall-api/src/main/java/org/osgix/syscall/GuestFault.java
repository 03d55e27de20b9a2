package org.osgix.syscall;

/**
 * Thrown by {@link GuestMemory} accessors when a guest address range is not mapped with the
 * access needed. The dispatcher turns it into {@code -EFAULT}; handlers may also catch it.
 * Carries no stack trace: it is a control-flow signal, not a bug report.
 */
public final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long address;

    public GuestFault(long address) {
        super("guest address 0x" + Long.toHexString(address) + " is not accessible", null, false, false);
        this.address = address;
    }

    /** The first guest address that failed the check. */
    public long address() {
        return address;
    }
}
