package org.osgix.sys.files.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.OpenFile;

/**
 * The content of /proc/self/fdinfo/N for guest fd N: the host's fdinfo of the description's host
 * fd (the same open file description, so pos, mnt_id, ino and eventfd/timerfd/pidfd lines are
 * the guest's), with the flags line the guest's (its F_GETFL and close-on-exec bit: host fds
 * are all close-on-exec, and a synthesized /proc file is a memfd) and without lines that name host fds (an epoll's "tfd:" lines) or describe a
 * host object standing in for a guest one (a signalfd's epoll carrier): those keep only the
 * lines every fdinfo has.
 */
final class FdInfoContent {
    private static final int O_CLOEXEC = 02000000;

    private FdInfoContent() {
    }

    /**
     * The content for the slot, or null when the host's fdinfo cannot be read (the fd just closed).
     * {@code hostName} is the host fd's /proc/self/fd link target.
     */
    static byte[] of(FdSnapshot slot, OpenFile file, String hostName) {
        // a guest anonymous inode carried by a host object of another kind
        boolean standIn = file.path() != null && file.path().startsWith("anon_inode:") && !file.path().equals(hostName);
        StringBuilder out = new StringBuilder(128);
        if (file.hostFd() < 0) {
            out.append("pos:\t0\nflags:\t").append(octalFlags(file.statusFlags(), slot.cloexec()))
                .append("\nmnt_id:\t0\nino:\t0\n");
            return out.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/self/fdinfo/" + file.hostFd()), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            if (line.startsWith("flags:")) {
                // the description's flags as the guest's F_GETFL sees them (a synthesized /proc file is a memfd)
                out.append("flags:\t").append(octalFlags(file.statusFlags(), slot.cloexec())).append('\n');
            } else if (isCommon(line) || !standIn && !line.startsWith("tfd:")) {
                out.append(line).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isCommon(String line) {
        return line.startsWith("pos:") || line.startsWith("mnt_id:") || line.startsWith("ino:");
    }

    /** Linux prints f_flags as "0" and the octal digits, O_CLOEXEC set for a close-on-exec fd. */
    private static String octalFlags(int flags, boolean cloexec) {
        return "0" + Integer.toOctalString(cloexec ? flags | O_CLOEXEC : flags & ~O_CLOEXEC);
    }
}
