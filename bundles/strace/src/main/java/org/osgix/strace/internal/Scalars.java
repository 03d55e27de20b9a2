package org.osgix.strace.internal;

/** Numbers, pointers, descriptors and the flag and value arguments built from {@link Tables}. */
final class Scalars {
    static final int AT_FDCWD = -100;

    private Scalars() {
    }

    static void hex(StringBuilder out, long value) {
        if (value == 0) {
            out.append('0');
        } else {
            out.append("0x").append(Long.toHexString(value));
        }
    }

    /** A pointer: NULL or hex. */
    static void pointer(StringBuilder out, long value) {
        if (value == 0) {
            out.append("NULL");
        } else {
            out.append("0x").append(Long.toHexString(value));
        }
    }

    static void descriptorOrCwd(StringBuilder out, long value) {
        if ((int) value == AT_FDCWD) {
            out.append("AT_FDCWD");
        } else {
            out.append((int) value);
        }
    }

    /** A file mode in octal as strace prints it: 0644, 022, 000. */
    static void mode(StringBuilder out, long value) {
        String octal = Long.toOctalString(value & 0xffffffffL);
        out.append('0');
        for (int i = octal.length(); i < 2; i++) {
            out.append('0');
        }
        out.append(octal);
    }

    /** A st_mode: {@code S_IFREG|S_ISUID|0755}. */
    static void fileMode(StringBuilder out, long mode) {
        String type = Tables.FILE_TYPES.name(mode & 0170000);
        if (type != null) {
            out.append(type).append('|');
        }
        if (Tables.MODE_SPECIAL.appendSet(out, mode & 07000, false)) {
            out.append('|');
        }
        mode(out, mode & 0777);
    }

    /** open flags: the access mode, then the other flags. */
    static void openFlags(StringBuilder out, long value) {
        Tables.ACCESS_MODES.append(out, value & 3);
        Tables.OPEN_FLAGS.appendSet(out, value & ~3L, true);
    }

    static void mapFlags(StringBuilder out, long value) {
        String type = Tables.MAP_TYPES.name(value & 0xf);
        if (value == 0) {
            out.append("MAP_FILE");
            return;
        }
        boolean wrote = false;
        if (type != null) {
            out.append(type);
            wrote = true;
        } else if ((value & 0xf) != 0) {
            out.append("0x").append(Long.toHexString(value & 0xf));
            wrote = true;
        }
        Tables.MAP_FLAGS.appendSet(out, value & ~0xfL, wrote);
    }

    /** clone flags: the CLONE_ bits, then the exit signal in the low byte. */
    static void cloneFlags(StringBuilder out, long value) {
        boolean wrote = Tables.CLONE.appendSet(out, value & ~0xffL, false);
        long signal = value & 0xff;
        if (signal != 0) {
            if (wrote) {
                out.append('|');
            }
            Signals.appendName(out, signal);
        } else if (!wrote) {
            out.append('0');
        }
    }

    static void statxFlags(StringBuilder out, long value) {
        Tables.STATX_SYNC.append(out, value & Tables.STATX_SYNC_BITS);
        Tables.AT_FLAGS.appendSet(out, value & ~Tables.STATX_SYNC_BITS, true);
    }

    /** A resource limit: RLIM64_INFINITY, 8192*1024 or a plain number. */
    static void rlimitValue(StringBuilder out, long value) {
        if (value == -1) {
            out.append("RLIM64_INFINITY");
        } else if (value > 1024 && value % 1024 == 0) {
            out.append(Long.toUnsignedString(value / 1024)).append("*1024");
        } else {
            out.append(Long.toUnsignedString(value));
        }
    }

    /** An ioctl request: its name, or _IOC(direction, type, number, size). */
    static void ioctlRequest(StringBuilder out, long value) {
        long request = value & 0xffffffffL;
        String name = Tables.IOCTLS.name(request);
        if (name != null) {
            out.append(name);
            return;
        }
        out.append("_IOC(");
        Tables.IOC_DIRECTIONS.append(out, (request >>> 30) & 3);
        out.append(", 0x").append(Long.toHexString((request >>> 8) & 0xff))
                .append(", 0x").append(Long.toHexString(request & 0xff))
                .append(", 0x").append(Long.toHexString((request >>> 16) & 0x3fff)).append(')');
    }

    /** An ioctl's third argument: a pointer for known requests, a number otherwise. */
    static void ioctlArgument(StringBuilder out, long request, long value) {
        if (Tables.IOCTLS.name(request & 0xffffffffL) != null) {
            pointer(out, value);
        } else {
            hex(out, value);
        }
    }
}
