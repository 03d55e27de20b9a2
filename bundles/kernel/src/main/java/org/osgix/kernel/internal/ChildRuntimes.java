package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgix.host.Host;

/**
 * Starts child runtimes: JVMs with this runtime's command line and launcher options, which
 * receive their process over a socket (fd 3, launch option {@code child}) instead of loading a
 * program named on the command line. Each is a host child of this runtime, so its host pid is
 * the guest pid and host waitpid, kill and process groups apply to it unchanged.
 *
 * <p>Lifetime: the first runtime holds the only write end of a "lifeline" pipe whose read end every
 * runtime inherits at fd 4; a runtime whose read returns (the first runtime ended, even by
 * SIGKILL) kills itself, so no runtime outlives {@code ./osgix}. The first runtime is also the
 * child subreaper: an orphaned guest process is re-parented to the guest's first process.
 */
final class ChildRuntimes {
    static final String CHILD_OPTION = "child";
    static final int SOCKET_FD = 3, LIFELINE_FD = 4;
    /** The host environment variable that tells a child runtime its guest's init. */
    static final String INIT_PID_VARIABLE = "OSGIX_INIT_PID";
    private static final int PR_SET_CHILD_SUBREAPER = 36, SIGKILL = 9, FD_CLOEXEC = 1, O_CLOEXEC = 02000000;

    /** A started child runtime: its pid and this runtime's end of its socket. */
    record Spawned(int pid, int socket) {
    }

    private final Host host;
    private List<String> command; // guarded by this; null until the first spawn
    private int lifeline = -1; // guarded by this: the read end children inherit
    private int lifelineWriteEnd = -1; // guarded by this: in the first runtime only

    ChildRuntimes(Host host) {
        this.host = host;
    }

    /**
     * In a child runtime: keeps the lifeline read end {@code fd} for its own children and dies
     * when it breaks. {@code writeEnd} (&gt;= 0) is given to a first runtime that replaced itself
     * (host execve): it keeps the write end and watches nothing.
     */
    synchronized void watchLifeline(int fd, int writeEnd) {
        if (fd < 0 || host.fcntl(fd, Host.F_SETFD, FD_CLOEXEC) < 0) {
            return; // started by hand, or a first runtime that replaced itself before it had children
        }
        lifeline = fd;
        if (writeEnd >= 0 && host.fcntl(writeEnd, Host.F_SETFD, FD_CLOEXEC) >= 0) {
            lifelineWriteEnd = writeEnd;
            host.prctl(PR_SET_CHILD_SUBREAPER, 1); // kept across execve, but a first runtime says so
            return;
        }
        Thread watcher = new Thread(() -> {
            long buf = host.memory().allocate(8);
            long r;
            do {
                r = host.read(fd, buf, 1);
            } while (r == -4 /* EINTR */);
            host.kill(host.getpid(), SIGKILL);
        }, "osgix-lifeline");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Starts a child runtime in this runtime's process group; returns it, or a negative errno as its pid. */
    Spawned spawn() {
        return spawn(-1);
    }

    /**
     * Starts a child runtime in process group {@code processGroup} (0: a group of its own, -1:
     * this runtime's); returns it, or a negative errno as its pid.
     */
    synchronized Spawned spawn(int processGroup) {
        if (command == null) {
            command = command();
            if (lifeline < 0) { // the first runtime: the guest's init
                host.prctl(PR_SET_CHILD_SUBREAPER, 1);
                long pipe = host.pipe2(O_CLOEXEC);
                if (pipe >= 0) {
                    lifeline = (int) (pipe >> 32); // the write end stays open, unused, until this JVM ends
                    lifelineWriteEnd = (int) pipe;
                }
            }
        }
        if (command.isEmpty()) {
            return new Spawned(-11 /* EAGAIN: not started from a command line */, -1);
        }
        long pair = host.socketpair(ChildChannel.AF_UNIX, ChildChannel.SOCK_SEQPACKET | ChildChannel.SOCK_CLOEXEC, 0);
        if (pair < 0) {
            return new Spawned((int) pair, -1);
        }
        int mine = (int) (pair >> 32), theirs = (int) pair;
        // above the targets, so no dup2 of the spawn overwrites a source of another
        int socket = host.fcntl(theirs, Host.F_DUPFD_CLOEXEC, 10);
        int life = lifeline >= 0 ? host.fcntl(lifeline, Host.F_DUPFD_CLOEXEC, 10) : -1;
        host.close(theirs);
        command.set(command.size() - 1, "--" + CHILD_OPTION + "=" + SOCKET_FD + (life >= 0 ? "," + LIFELINE_FD : ""));
        int[] dup2 = life >= 0 ? new int[] {socket, SOCKET_FD, life, LIFELINE_FD} : new int[] {socket, SOCKET_FD};
        int pid = host.spawn(command.get(0), command.toArray(new String[0]), environment(), dup2, LIFELINE_FD + 1,
                processGroup);
        host.close(socket);
        if (life >= 0) {
            host.close(life);
        }
        if (pid < 0) {
            host.close(mine);
            return new Spawned(pid, -1);
        }
        return new Spawned(pid, mine);
    }

    /**
     * This JVM's command line up to the jar and the launcher's options, then the child option:
     * empty when this JVM was not started as {@code java ... -jar osgix.jar} (an embedding).
     */
    private static List<String> command() {
        List<String> out = new ArrayList<>();
        String[] args;
        try {
            args = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).split("\0");
        } catch (IOException e) {
            return out;
        }
        int jar = List.of(args).indexOf("-jar");
        if (jar < 0 || jar + 1 >= args.length) {
            return out;
        }
        out.add(ProcessHandle.current().info().command().orElse(args[0]));
        for (int i = 1; i <= jar + 1; i++) {
            if (!args[i].startsWith("-Dosgix.inherited.fds=")) {
                out.add(args[i]);
            }
        }
        for (int i = jar + 2; i < args.length && args[i].startsWith("-") && !args[i].equals("--"); i++) {
            if (args[i].startsWith("--" + CHILD_OPTION + "=")) {
                continue;
            }
            out.add(args[i]);
            if ((args[i].equals("-E") || args[i].equals("-U")) && i + 1 < args.length) {
                out.add(args[++i]);
            }
        }
        out.add("--" + CHILD_OPTION + "=" + SOCKET_FD);
        return out;
    }

    /** This JVM's environment for a child runtime, naming the guest's init ({@link #initPid}). */
    static String[] environment() {
        List<String> out = new ArrayList<>();
        try {
            String all = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.UTF_8);
            out.addAll(all.isEmpty() ? List.of() : List.of(all.split("\0")));
        } catch (IOException e) {
            System.getenv().forEach((k, v) -> out.add(k + "=" + v));
        }
        out.removeIf(variable -> variable.startsWith(INIT_PID_VARIABLE + "="));
        out.add(INIT_PID_VARIABLE + "=" + initPid());
        return out.toArray(new String[0]);
    }

    /**
     * The host pid of the guest's init, the first runtime, which every guest process descends
     * from: this runtime's own unless the variable its parent runtime set names one of its
     * ancestors (a value inherited from elsewhere names none).
     */
    static int initPid() {
        return InitPid.VALUE;
    }

    /** Computed once per JVM. */
    private static final class InitPid {
        static final int VALUE = compute();

        private static int compute() {
            long self = ProcessHandle.current().pid();
            String named = System.getenv(INIT_PID_VARIABLE);
            if (named != null && named.matches("[0-9]{1,9}")) {
                long init = Long.parseLong(named);
                for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
                    if (p.pid() == init && init != self) {
                        return (int) init;
                    }
                }
            }
            return (int) self;
        }
    }
}
