package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.Errno;

/**
 * Signals between guest processes. A guest signal must reach the target's guest, never its JVM
 * (a host SIGQUIT would print a thread dump, SIGUSR1 would end the JVM whatever the guest's
 * disposition), so each runtime listens on an abstract AF_UNIX datagram socket named after its
 * pid and delivers what arrives as kill(2) would (SI_USER, the sender's pid, the uid the kernel
 * vouches for, SCM_CREDENTIALS). SIGKILL, SIGSTOP, SIGCONT and signal 0 are host kills: exact, and
 * the JVM cannot catch them. A process that is no runtime gets a host kill.
 */
final class SignalPost {
    private static final int AF_UNIX = 1, SOCK_DGRAM = 2, SOCK_CLOEXEC = 02000000, SOL_SOCKET = 1, SO_PASSCRED = 16,
            SCM_CREDENTIALS = 2, SIGKILL = 9, SIGCONT = 18, SIGSTOP = 19, SI_USER = 0, ADDR_SIZE = 110, EINTR = 4;

    private SignalPost() {
    }

    private static byte[] name(int pid) {
        return ("osgix-signal-" + pid).getBytes(StandardCharsets.US_ASCII);
    }

    /** Fills a sockaddr_un with the abstract name of {@code pid}'s socket; returns its length. */
    private static int address(NativeMemory mem, long addr, int pid) {
        byte[] name = name(pid);
        mem.fill(addr, ADDR_SIZE, (byte) 0);
        mem.putByte(addr, (byte) AF_UNIX);
        mem.put(addr + 3, name, 0, name.length);
        return 3 + name.length;
    }

    /** Starts this runtime's listener for {@code process}. */
    static void listen(GuestProcessImpl process) {
        Host host = process.host();
        int fd = host.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return;
        }
        NativeMemory mem = host.memory();
        long addr = mem.allocate(ADDR_SIZE);
        try {
            mem.putInt(addr + 64, 1);
            host.setsockopt(fd, SOL_SOCKET, SO_PASSCRED, addr + 64, 4);
            if (host.bind(fd, addr, address(mem, addr, process.pid())) < 0) {
                host.close(fd);
                return;
            }
        } finally {
            mem.free(addr);
        }
        Thread t = new Thread(() -> receive(process, fd), "osgix-signals-in");
        t.setDaemon(true);
        t.start();
    }

    private static void receive(GuestProcessImpl process, int fd) {
        Host host = process.host();
        NativeMemory mem = host.memory();
        long buf = mem.allocate(256);
        long msg = buf, iov = buf + 64, data = buf + 96, control = buf + 128;
        int ownUid = host.getuid();
        while (!process.exited().isDone()) {
            mem.fill(buf, 256, (byte) 0);
            mem.putLong(iov, data);
            mem.putLong(iov + 8, 8);
            mem.putLong(msg + 16, iov);
            mem.putLong(msg + 24, 1);
            mem.putLong(msg + 32, control);
            mem.putLong(msg + 40, 64);
            long n = host.recvmsg(fd, msg, 0);
            if (n == -EINTR) {
                continue;
            }
            if (n < 0) {
                return;
            }
            if (n < 4 || mem.getLong(msg + 40) < 28 || mem.getInt(control + 12) != SCM_CREDENTIALS) {
                continue;
            }
            int senderPid = mem.getInt(control + 16), senderUid = mem.getInt(control + 20);
            int sig = mem.getInt(data);
            if (senderUid != ownUid && senderUid != 0) {
                continue; // kill(2)'s permission rule
            }
            process.whenStarted(() -> {
                SignalDelivery delivery = process.signalDelivery();
                if (delivery != null) {
                    delivery.sendFrom(process, sig, SI_USER, senderPid, senderUid, 0);
                } else {
                    process.killBySignal(sig);
                }
            });
        }
    }

    /**
     * kill(2) of processes other than {@code self}: {@code pid} > 0 one process, 0 or < -1 a
     * group, -1 every process of this session. Returns how many were signalled, or -errno.
     */
    static int killOthers(GuestProcessImpl self, int pid, int sig) {
        Host host = self.host();
        if (pid > 0) {
            if (pid == self.pid()) {
                return 0;
            }
            if (self.spares().isSpare(pid)) {
                return -Errno.ESRCH; // a runtime started ahead is no process of the guest's yet
            }
            int r = deliver(host, pid, sig);
            return r < 0 ? r : 1;
        }
        int group = pid == 0 ? host.getpgid(0) : -pid;
        int session = host.getsid(0);
        String listening = pid == -1 ? listeningSockets() : "";
        int count = 0, error = -Errno.ESRCH;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                int target = Integer.parseInt(p.getFileName().toString());
                if (target == self.pid() || target == 1) {
                    continue;
                }
                int[] ids = groupAndSession(p);
                if (ids == null || (pid == -1 ? ids[1] != session : ids[0] != group)) {
                    continue;
                }
                // spares lead groups of their own, so only kill(-1) meets them
                if (pid == -1 && (self.spares().isSpare(target)
                        || SpareRuntimes.isForeignSpare(p, target, ids[0], listening))) {
                    continue;
                }
                int r = deliver(host, target, sig);
                if (r == 0) {
                    count++;
                } else {
                    error = r;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return -Errno.ESRCH;
        }
        return count > 0 ? count : error;
    }

    /** /proc/net/unix: the sockets bound on this host, abstract names as {@code @name}. */
    private static String listeningSockets() {
        try {
            return Files.readString(Path.of("/proc/net/unix"), StandardCharsets.ISO_8859_1);
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static int[] groupAndSession(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** One process: host kill for what the JVM cannot catch and for non-runtimes, else a post. */
    private static int deliver(Host host, int target, int sig) {
        if (sig == 0 || sig == SIGKILL || sig == SIGSTOP || sig == SIGCONT) {
            return host.kill(target, sig);
        }
        int exists = host.kill(target, 0);
        if (exists < 0) {
            return exists;
        }
        int fd = host.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return fd;
        }
        NativeMemory mem = host.memory();
        long buf = mem.allocate(ADDR_SIZE + 8);
        try {
            int len = address(mem, buf, target);
            mem.putInt(buf + ADDR_SIZE, sig);
            long r = host.sendto(fd, buf + ADDR_SIZE, 4, 0, buf, len);
            return r >= 0 ? 0 : host.kill(target, sig); // no listener: not a runtime
        } finally {
            mem.free(buf);
            host.close(fd);
        }
    }
}
