package org.osgix.kernel.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.osgix.fd.FdSnapshot;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestThread;

/**
 * The execve of a vfork child: the program starts in the child's own runtime, which loads it
 * fresh; this side checks what execve refuses before the point of no return (the file is there,
 * executable, not a directory, an ELF or #! file), sends the program, the fds that are not
 * close-on-exec and the state execve keeps, then ends the child here and releases its parent.
 *
 * <p>Where it meets the in-place execve: {@code GuestProcessImpl.execve} sends a vfork child here
 * and every other process to {@code InPlaceExec}.
 */
final class ExecHandoff {
    private static final int X_OK = 1, O_RDONLY_CLOEXEC = 02000000, S_IFMT = 0170000, S_IFDIR = 0040000;
    private static final int ST_MODE_OFFSET = 24;

    private ExecHandoff() {
    }

    static long handOff(GuestProcessImpl child, GuestThread thread, String path, List<String> argv, List<String> env) {
        Host host = child.host();
        int refused = check(host, path);
        if (refused != 0) {
            return refused;
        }
        List<FdSnapshot> passed = new ArrayList<>();
        for (FdSnapshot s : child.fds().snapshots()) {
            if (!s.cloexec() && s.file().tryPin()) {
                passed.add(s);
            }
        }
        try {
            int[] guestFds = new int[passed.size()];
            int[] hostFds = new int[passed.size()];
            for (int i = 0; i < guestFds.length; i++) {
                guestFds[i] = passed.get(i).fd();
                hostFds[i] = passed.get(i).file().hostFd();
            }
            SignalDelivery delivery = child.signalDelivery();
            long[] signals = delivery != null ? delivery.execState(thread) : new long[2];
            int umask = host.umask(022);
            host.umask(umask);
            ProcessImage image = new ProcessImage(ProcessImage.EXEC, 0, path, argv, env, cwd(host), umask,
                    signals[0], signals[1], child.limits().toArray(), guestFds,
                    InheritedCredentials.toArray(InheritedCredentials.afterExec(child.credentials())));
            int r = child.vforkLink().handOff(image, hostFds);
            if (r < 0) {
                return r;
            }
        } finally {
            passed.forEach(s -> s.file().unpin());
        }
        child.exitGroup(0); // ends the child's thread here; its process goes on in its runtime
        return 0;
    }

    /** execve's refusals that can still be returned: 0 or -errno. */
    static int check(Host host, String path) {
        if (path.isEmpty()) {
            return -Errno.ENOENT;
        }
        byte[] name = (path + "\0").getBytes(StandardCharsets.UTF_8);
        int access = host.faccessat2(Host.AT_FDCWD, name, X_OK, 0);
        if (access < 0) {
            return access;
        }
        NativeMemory mem = host.memory();
        long buf = mem.allocate(256);
        try {
            int fd = host.openat(Host.AT_FDCWD, name, O_RDONLY_CLOEXEC, 0);
            if (fd < 0) {
                return fd == -Errno.EISDIR ? -Errno.EACCES : fd;
            }
            try {
                if (host.fstat(fd, buf) == 0 && (mem.getInt(buf + ST_MODE_OFFSET) & S_IFMT) == S_IFDIR) {
                    return -Errno.EACCES;
                }
                long n = host.read(fd, buf, 4);
                boolean elf = n == 4 && mem.getInt(buf) == 0x464c457f;
                boolean script = n >= 2 && mem.getByte(buf) == '#' && mem.getByte(buf + 1) == '!';
                return elf || script ? 0 : -Errno.ENOEXEC;
            } finally {
                host.close(fd);
            }
        } finally {
            mem.free(buf);
        }
    }

    static String cwd(Host host) {
        NativeMemory mem = host.memory();
        long buf = mem.allocate(4096);
        try {
            long n = host.getcwd(buf, 4096);
            if (n <= 0) {
                return ".";
            }
            byte[] b = new byte[(int) n - 1];
            mem.get(buf, b, 0, b.length);
            return new String(b, StandardCharsets.UTF_8);
        } finally {
            mem.free(buf);
        }
    }
}
