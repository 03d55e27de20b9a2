package org.osgix.sys.files.internal;

import static org.osgix.syscall.FileStat.ST_DEV;
import static org.osgix.syscall.FileStat.ST_INO;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgix.engine.CpuRegister;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Credentials;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.GuestThread;
import org.osgix.syscall.SyscallContext;

/**
 * The content of the synthesized /proc/self files, in Linux's formats: {@code maps} from the
 * guest's mappings, {@code status} from the host's own status with the guest's identity, memory
 * and threads written over it, {@code cmdline} and {@code comm} from the guest's program.
 */
final class ProcContent {
    /** The column (0-based) where a maps line's path starts: Linux pads the header to 72 + 1. */
    private static final int MAPS_NAME_COLUMN = 73;
    private static final int TASK_COMM_LEN = 16;

    private final Host host;
    private final PathResolver paths;
    private final Scratch scratch;

    ProcContent(Host host, PathResolver paths, Scratch scratch) {
        this.host = host;
        this.paths = paths;
        this.scratch = scratch;
    }

    /** A mapped file as maps shows it: its canonical guest path, device and inode. */
    private record MappedFile(String path, long dev, long inode) {
    }

    byte[] maps(SyscallContext call) {
        StringBuilder out = new StringBuilder(4096);
        Map<String, MappedFile> files = new HashMap<>();
        long stackPointer = mainStackPointer(call);
        for (AddressSpace.Mapping m : call.memory().mappings()) {
            int lineStart = out.length();
            String name = m.name() == null ? null : GuestPaths.ofText(m.name());
            if (name == null && stackPointer != 0 && Long.compareUnsigned(stackPointer, m.start()) >= 0
                    && Long.compareUnsigned(stackPointer, m.end()) < 0) {
                name = "[stack]";
            }
            MappedFile file = name == null || name.startsWith("[") ? new MappedFile(name, 0, 0)
                : files.computeIfAbsent(name, n -> mappedFile(call, n));
            out.append(hex(m.start(), 8)).append('-').append(hex(m.end(), 8)).append(' ')
                .append((m.prot() & GuestMemory.PROT_READ) != 0 ? 'r' : '-')
                .append((m.prot() & GuestMemory.PROT_WRITE) != 0 ? 'w' : '-')
                .append((m.prot() & GuestMemory.PROT_EXEC) != 0 ? 'x' : '-')
                .append(m.shared() ? 's' : 'p').append(' ')
                .append(hex(m.offset(), 8)).append(' ')
                .append(hex(StatX.major(file.dev()), 2)).append(':').append(hex(StatX.minor(file.dev()), 2))
                .append(' ').append(Long.toUnsignedString(file.inode())).append(' ');
            if (file.path() != null) {
                while (out.length() - lineStart < MAPS_NAME_COLUMN - 1) {
                    out.append(' ');
                }
                out.append(' ').append(file.path());
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The main thread's stack pointer, or 0. Linux names the mapping that holds the main thread's
     * stack "[stack]"; an unnamed mapping that holds it is that stack.
     */
    private static long mainStackPointer(SyscallContext call) {
        GuestThread main = call.process().thread(call.process().pid());
        if (main == null) {
            return 0;
        }
        try {
            return main.register(CpuRegister.SP);
        } catch (RuntimeException unavailable) {
            return 0;
        }
    }

    /**
     * Linux shows a mapped file by its canonical path (symlinks resolved, absolute) with its
     * device and inode; the mapping may have been named by the path it was opened with.
     */
    private MappedFile mappedFile(SyscallContext call, String name) {
        int fd;
        try (AtPath at = paths.resolve(call, Host.AT_FDCWD, name, false, true)) {
            fd = at.failed() ? at.error()
                : host.openat(at.hostDirFd(), at.hostPath(), OpenFile.O_PATH | OpenFile.O_CLOEXEC, 0);
        }
        if (fd < 0) {
            return new MappedFile(name, 0, 0);
        }
        try {
            long stat = scratch.address() + Scratch.SMALL;
            if (host.fstat(fd, stat) < 0) {
                return new MappedFile(name, 0, 0);
            }
            long dev = scratch.memory().getLong(stat + ST_DEV);
            long inode = scratch.memory().getLong(stat + ST_INO);
            String target = paths.hostLinkTarget(fd);
            return new MappedFile(target == null ? name : paths.toGuest(call, target), dev, inode);
        } finally {
            host.close(fd);
        }
    }

    private static String hex(long value, int width) {
        String digits = Long.toHexString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    byte[] status(SyscallContext call) {
        Map<String, String> guest = guestStatus(call);
        StringBuilder out = new StringBuilder(2048);
        for (String line : hostStatus()) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? line : line.substring(0, colon);
            String value = guest.get(key);
            out.append(value == null ? line : key + ":\t" + value).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> hostStatus() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException notLinux) {
            return List.of("Name:", "State:", "Tgid:", "Pid:", "PPid:", "Threads:");
        }
    }

    /** The status fields whose host values describe the JVM rather than the guest. */
    private Map<String, String> guestStatus(SyscallContext call) {
        Map<String, String> fields = new HashMap<>();
        String pid = Integer.toString(call.process().pid());
        fields.put("Name", GuestPaths.of(commBytes(call), commBytes(call).length));
        fields.put("State", "R (running)");
        fields.put("Tgid", pid);
        fields.put("Pid", pid);
        fields.put("NStgid", pid);
        fields.put("NSpid", pid);
        fields.put("PPid", Integer.toString(call.process().ppid()));
        fields.put("TracerPid", "0");
        credentialFields(call.process().credentials(), fields);
        fields.put("FDSize", Integer.toString(fdTableSize(call)));
        fields.put("Threads", Integer.toString(call.process().threadCount()));
        for (String signals : new String[] {"SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"}) {
            fields.put(signals, "0000000000000000");
        }
        fields.put("voluntary_ctxt_switches", "0");
        fields.put("nonvoluntary_ctxt_switches", "0");
        memoryFields(call, fields);
        return fields;
    }

    /** Uid, Gid (real, effective, saved, filesystem) and Groups, each group followed by a space as Linux prints them. */
    private static void credentialFields(Credentials c, Map<String, String> fields) {
        fields.put("Uid", Integer.toUnsignedString(c.ruid()) + '\t' + Integer.toUnsignedString(c.euid()) + '\t'
            + Integer.toUnsignedString(c.suid()) + '\t' + Integer.toUnsignedString(c.fsuid()));
        fields.put("Gid", Integer.toUnsignedString(c.rgid()) + '\t' + Integer.toUnsignedString(c.egid()) + '\t'
            + Integer.toUnsignedString(c.sgid()) + '\t' + Integer.toUnsignedString(c.fsgid()));
        StringBuilder groups = new StringBuilder();
        for (int i = 0; i < c.groupCount(); i++) {
            groups.append(i == 0 ? "" : " ").append(Integer.toUnsignedString(c.group(i)));
        }
        fields.put("Groups", groups.append(' ').toString());
    }

    /** Linux's fd array size: at least 64, doubled until the highest open descriptor fits. */
    private static int fdTableSize(SyscallContext call) {
        int highest = 0;
        for (FdSnapshot s : call.fds().snapshots()) {
            highest = Math.max(highest, s.fd());
        }
        int size = 64;
        while (size <= highest) {
            size *= 2;
        }
        return size;
    }

    private static void memoryFields(SyscallContext call, Map<String, String> fields) {
        ProcStat.Sizes sizes = ProcStat.Sizes.of(call);
        String size = kilobytes(sizes.total());
        fields.put("VmPeak", size);
        fields.put("VmSize", size);
        fields.put("VmData", kilobytes(sizes.data()));
        fields.put("VmStk", kilobytes(sizes.stack()));
        fields.put("VmExe", kilobytes(sizes.text()));
        fields.put("VmLib", kilobytes(sizes.libraries()));
    }

    private static String kilobytes(long bytes) {
        String n = Long.toString(bytes / 1024);
        return " ".repeat(Math.max(0, 8 - n.length())) + n + " kB";
    }

    byte[] cmdline(SyscallContext call) {
        return nulTerminated(call.process().arguments());
    }

    /** The environment the program started with (Linux shows its stack's copy). */
    byte[] environ(SyscallContext call) {
        return nulTerminated(call.process().environment());
    }

    private static byte[] nulTerminated(java.util.List<String> strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String arg : strings) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** /proc/self/comm: the main thread's name (the thread group leader's, as Linux shows). */
    byte[] comm(SyscallContext call) {
        return threadComm(call, call.process().thread(call.process().pid()));
    }

    /** /proc/self/task/TID/comm of a live guest thread (null: the main thread has ended). */
    byte[] threadComm(SyscallContext call, GuestThread thread) {
        byte[] name = thread == null ? null : thread.name();
        if (name == null) {
            name = commBytes(call);
        }
        byte[] line = new byte[name.length + 1];
        System.arraycopy(name, 0, line, 0, name.length);
        line[name.length] = '\n';
        return line;
    }

    /** The command name, cut to TASK_COMM_LEN - 1 bytes as the kernel keeps it. */
    static byte[] commBytes(SyscallContext call) {
        byte[] base = call.process().commandName().getBytes(StandardCharsets.UTF_8);
        int length = Math.min(base.length, TASK_COMM_LEN - 1);
        byte[] out = new byte[length];
        System.arraycopy(base, 0, out, 0, length);
        return out;
    }
}
