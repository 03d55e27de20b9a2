package org.osgix.ioctl;

/**
 * Linux x86_64 ioctl request codes osgix knows by name, and the {@code _IOC} encoding for new
 * ones. Terminal codes (0x54xx) predate the encoding and carry no size or direction.
 */
public final class IoctlRequests {
    // generic file ioctls (fs/ioctl.c)
    public static final long FIONREAD = 0x541BL, FIONBIO = 0x5421L, FIONCLEX = 0x5450L, FIOCLEX = 0x5451L,
        FIOASYNC = 0x5452L;
    // terminals
    public static final long TCGETS = 0x5401L, TCSETS = 0x5402L, TCSETSW = 0x5403L, TCSETSF = 0x5404L,
        TCFLSH = 0x540BL, TIOCSCTTY = 0x540EL, TIOCGPGRP = 0x540FL, TIOCSPGRP = 0x5410L,
        TIOCOUTQ = 0x5411L, TIOCGWINSZ = 0x5413L, TIOCSWINSZ = 0x5414L, TIOCINQ = FIONREAD,
        TIOCNOTTY = 0x5422L, TIOCGSID = 0x5429L;
    // pseudo-terminal masters (/dev/ptmx)
    public static final long TIOCGPTN = 0x80045430L, TIOCSPTLCK = 0x40045431L, TIOCGPTLCK = 0x80045439L;

    /** {@code _IOC} directions. */
    public static final int IOC_NONE = 0, IOC_WRITE = 1, IOC_READ = 2;

    private IoctlRequests() {
    }

    /**
     * Linux's {@code _IOC(dir, type, nr, size)}: {@code dir} IOC_READ/IOC_WRITE (from the
     * caller's point of view: _IOR is IOC_READ), an 8-bit type, an 8-bit number, a 14-bit size.
     */
    public static long encode(int dir, int type, int nr, int size) {
        if ((dir & ~3) != 0 || (type & ~0xff) != 0 || (nr & ~0xff) != 0 || (size & ~0x3fff) != 0) {
            throw new IllegalArgumentException("ioctl field out of range");
        }
        return ((long) dir << 30) | ((long) size << 16) | ((long) type << 8) | nr;
    }

    /** The size field of an encoded request (0 for the old terminal codes). */
    public static int size(long request) {
        return (int) (request >>> 16) & 0x3fff;
    }

    /** The direction field of an encoded request. */
    public static int direction(long request) {
        return (int) (request >>> 30) & 3;
    }
}
