package org.osgix.engine.nativecpu.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The shim ({@code src/main/c}, built by gcc into this bundle) through JNA direct mapping. Loading
 * it extracts the library from the bundle into a temporary file.
 */
final class NativeShim {
    static final String LIBRARY = "libosgixcpu.so";

    private NativeShim() {
    }

    static {
        Native.register(NativeShim.class, NativeLibrary.getInstance(extract().toString()));
    }

    /**
     * One copy per process and content: the file's name is the library's hash, so a bundle that
     * is installed again (a new class loader) loads the copy that is already loaded, and its
     * signal handlers, instead of a second one that would chain to the first.
     */
    private static Path extract() {
        try (InputStream in = NativeShim.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new UnsatisfiedLinkError(LIBRARY + " is not in the bundle (built by gcc with Maven)");
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            Path file = dir.resolve("osgix-cpu-" + ProcessHandle.current().pid() + "-" + hash + ".so");
            if (!Files.isRegularFile(file)) {
                Path tmp = Files.createTempFile(dir, "osgix-cpu-", ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                file.toFile().deleteOnExit();
            }
            return file;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new UnsatisfiedLinkError("cannot extract " + LIBRARY + ": " + e.getMessage());
        }
    }

    /** 0 when the host can run the engine, else a reason code (see {@link NativeEngine}). */
    static native int osgix_probe();

    static native int osgix_install();

    static native void osgix_set_fsgsbase(int managed);

    static native int osgix_attach(long vcpu);

    static native void osgix_detach(long vcpu);

    static native int osgix_enter(long vcpu);

    static native void osgix_kick(long vcpu, int pid);

    static native long osgix_patch(long addr, long expected, long replacement, int prot);

    static native int osgix_xsave_size();

    static native long osgix_xcr0();

    static native long osgix_layout(int field);

    static native long osgix_symbol(int which);

    static native long osgix_raw_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
}
