package org.osgix.itests;

import com.sun.jna.Function;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgix.host.Host;

/**
 * Captures what anything in the JVM writes to the host's fd 2 (the strace bundle writes there
 * directly, as strace does), by pointing fd 2 at a file for the duration of an action.
 */
final class HostStderr {
    private static final int O_WRONLY_CREAT_TRUNC_CLOEXEC = 01 | 0100 | 01000 | 02000000;

    private HostStderr() {
    }

    /** Runs {@code action} with fd 2 redirected to {@code file}; returns the action's result. */
    static <T> T capture(BundleContext context, Path file, Callable<T> action) throws Exception {
        ServiceReference<Host> ref = context.getServiceReference(Host.class);
        Host host = context.getService(ref);
        int target = host.openat(Host.AT_FDCWD, file.toString(), O_WRONLY_CREAT_TRUNC_CLOEXEC, 0644);
        int saved = host.dup(2);
        if (target < 0 || saved < 0) {
            throw new IOException("cannot redirect fd 2: " + target + ", " + saved);
        }
        Function dup2 = Function.getFunction("c", "dup2");
        try {
            dup2.invokeInt(new Object[] {target, 2});
            return action.call();
        } finally {
            dup2.invokeInt(new Object[] {saved, 2});
            host.close(saved);
            host.close(target);
            context.ungetService(ref);
        }
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
