package org.osgix.sys.socket.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where AF_UNIX path names live on the host: under {@code --sysroot}, an absolute guest path
 * {@code /x} is the host path {@code ROOT/x}; relative paths resolve against the host process's
 * working directory, which is the guest's. Abstract and unnamed addresses are untouched.
 */
final class UnixRoot {
    static final UnixRoot IDENTITY = new UnixRoot(new byte[0]);

    /** The canonical host directory without a trailing '/', empty for the identity. */
    private final byte[] root;

    private UnixRoot(byte[] root) {
        this.root = root;
    }

    static UnixRoot of(String sysroot) {
        if (sysroot == null || sysroot.isEmpty()) {
            return IDENTITY;
        }
        String dir;
        try {
            dir = Path.of(sysroot).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            dir = Path.of(sysroot).toAbsolutePath().normalize().toString();
        }
        return dir.equals("/") ? IDENTITY : new UnixRoot(dir.getBytes(StandardCharsets.UTF_8));
    }

    boolean isIdentity() {
        return root.length == 0;
    }

    int length() {
        return root.length;
    }

    byte[] bytes() {
        return root;
    }
}
