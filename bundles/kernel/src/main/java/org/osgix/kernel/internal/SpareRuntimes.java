package org.osgix.kernel.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;

/**
 * Child runtimes started ahead: a JVM boots its framework before it reads its process from its
 * socket ({@link ChildLaunch}), so one started before the guest forks can be handed the child
 * then, and the fork does not wait for a JVM start. Lazy: nothing is started until the guest
 * creates its first child; from then on {@link #take} hands out a spare (still booting or not) and
 * starts the next one in the background, up to {@value #COUNT_PROPERTY} (default 1, 0: none).
 *
 * <p>A spare is a host child of this runtime but no guest process until taken, so the guest must
 * not see it: it starts in a process group of its own (outside every group a guest signals or
 * waits for), and {@link Waits} and {@link SignalPost} leave it out of wait4(-1), waitid(P_ALL) and
 * kill. A taken spare first reads the group it joins ({@link #JOIN_KIND}: the forking process's),
 * then its process. A spare whose session is no longer this runtime's (setsid since) could not
 * join and is discarded, as is one that died. When the runtime ends, its spares are killed and
 * reaped ({@link #close}); one left by a runtime killed outright reads EOF and exits.
 */
final class SpareRuntimes {
    /** System property: how many spares a runtime keeps once its guest has created a child. */
    static final String COUNT_PROPERTY = "osgix.spare.runtimes";
    /** The first record a taken spare reads: this kind, then the process group to join. */
    static final int JOIN_KIND = 5;
    private static final int P_PID = 1, WEXITED = 4, WNOHANG = 1, WNOWAIT = 0x01000000, SIGKILL = 9, EINTR = 4;

    private record Spare(int pid, int socket, int session) {
    }

    private final ChildRuntimes runtimes;
    private final Host host;
    private final int wanted;
    private final Deque<Spare> spares = new ArrayDeque<>(); // guarded by this
    private boolean filling; // guarded by this: a refill is queued or running
    private boolean closed; // guarded by this: the runtime is ending
    private ExecutorService filler; // guarded by this: one long-lived thread starts spares

    SpareRuntimes(ChildRuntimes runtimes, Host host) {
        this.runtimes = runtimes;
        this.host = host;
        this.wanted = count(System.getProperty(COUNT_PROPERTY));
    }

    private static int count(String property) {
        try {
            return property == null ? 1 : Math.max(0, Integer.parseInt(property.trim()));
        } catch (NumberFormatException malformed) {
            return 1;
        }
    }

    /**
     * A runtime for a new child of this one, in this runtime's process group: a spare when there
     * is one, else one started now; a negative errno as its pid when none could start.
     */
    ChildRuntimes.Spawned take() {
        Spare spare;
        while ((spare = next()) != null) {
            if (join(spare)) {
                refill();
                return new ChildRuntimes.Spawned(spare.pid(), spare.socket());
            }
        }
        ChildRuntimes.Spawned fresh = runtimes.spawn();
        refill();
        return fresh;
    }

    private synchronized Spare next() {
        return spares.pollFirst();
    }

    /** Tells the spare which group to join; false after discarding one that cannot be used. */
    private boolean join(Spare spare) {
        int group = host.getpgid(0);
        if (group > 0 && host.getsid(0) == spare.session() && !ended(spare.pid())) {
            byte[] record = ByteBuffer.allocate(8).putInt(JOIN_KIND).putInt(group).array();
            if (ChildChannel.send(host, spare.socket(), record, new int[0]) == 0) {
                return true;
            }
        }
        discard(spare);
        return false;
    }

    /** In a taken spare: the group to join, or -1 when {@code payload} is not a join record. */
    static int joinGroup(byte[] payload) {
        ByteBuffer record = ByteBuffer.wrap(payload);
        return payload.length == 8 && record.getInt() == JOIN_KIND ? record.getInt() : -1;
    }

    private synchronized void refill() {
        if (wanted == 0 || filling || closed || spares.size() >= wanted) {
            return;
        }
        filling = true;
        if (filler == null) {
            filler = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "osgix-spares");
                t.setDaemon(true);
                return t;
            });
        }
        filler.execute(this::fill);
    }

    /** Starts spares up to the count; under the lock, so a wait or kill never sees one half-registered. */
    private synchronized void fill() {
        try {
            while (!closed && spares.size() < wanted) {
                ChildRuntimes.Spawned s = runtimes.spawn(0);
                if (s.pid() < 0) {
                    return; // tried again at the next take
                }
                spares.add(new Spare(s.pid(), s.socket(), host.getsid(s.pid())));
            }
        } finally {
            filling = false;
        }
    }

    /** Whether host child {@code pid} is a spare not taken yet. */
    synchronized boolean isSpare(int pid) {
        return spares.stream().anyMatch(s -> s.pid() == pid);
    }

    synchronized boolean hasSpares() {
        return !spares.isEmpty();
    }

    /** Reaps {@code pid} when it is a spare (one that ended or stopped); false when it is not one. */
    boolean discardIfSpare(int pid) {
        Spare found;
        synchronized (this) {
            found = spares.stream().filter(s -> s.pid() == pid).findFirst().orElse(null);
            if (found == null) {
                return false;
            }
            spares.remove(found);
        }
        discard(found);
        refill();
        return true;
    }

    /**
     * Whether this runtime has a host child that is not a spare: /proc/self/task/N/children, or
     * without it (a kernel without CONFIG_PROC_CHILDREN) the JDK's scan of every process's parent.
     */
    boolean hasOtherChildren() {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String list = Files.readString(task.resolve("children"), StandardCharsets.US_ASCII).trim();
                for (String pid : list.isEmpty() ? new String[0] : list.split(" ")) {
                    if (!isSpare(Integer.parseInt(pid))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (NoSuchFileException noChildrenFiles) {
            return ProcessHandle.current().children().anyMatch(p -> !isSpare((int) p.pid()));
        } catch (IOException | RuntimeException unreadable) {
            return true; // as if there were: the wait goes on rather than failing
        }
    }

    /** Ends and reaps every spare; none is started afterwards (the runtime is ending). */
    void close() {
        Deque<Spare> left;
        synchronized (this) {
            closed = true;
            left = new ArrayDeque<>(spares);
            spares.clear();
            if (filler != null) {
                filler.shutdown();
            }
        }
        left.forEach(this::discard);
    }

    private void discard(Spare spare) {
        host.close(spare.socket());
        host.kill(spare.pid(), SIGKILL);
        NativeMemory mem = host.memory();
        long info = mem.allocate(128);
        try {
            int r;
            do {
                r = host.waitid(P_PID, spare.pid(), info, WEXITED);
            } while (r == -EINTR);
        } finally {
            mem.free(info);
        }
    }

    /** Whether host child {@code pid} has ended (a zombie), without reaping it. */
    private boolean ended(int pid) {
        NativeMemory mem = host.memory();
        long info = mem.allocate(128);
        try {
            mem.fill(info, 128, (byte) 0);
            int r = host.waitid(P_PID, pid, info, WEXITED | WNOHANG | WNOWAIT);
            return r < 0 || mem.getInt(info + 16) != 0;
        } finally {
            mem.free(info);
        }
    }

    /**
     * Whether {@code /proc/<pid>} is another runtime's spare, for kill(-1): a runtime (option
     * child) that leads its own group and does not listen for signals yet, i.e. runs no guest.
     */
    static boolean isForeignSpare(Path proc, int pid, int group, String listening) {
        if (group != pid || listening.contains("@osgix-signal-" + pid + "\n")) {
            return false;
        }
        try {
            String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
            return cmdline.contains("\0--" + ChildRuntimes.CHILD_OPTION + "=");
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
