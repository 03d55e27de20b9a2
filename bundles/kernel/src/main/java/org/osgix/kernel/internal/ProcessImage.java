package org.osgix.kernel.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a runtime hands the child runtime it started: either how the child process ended before
 * it ran a program of its own (a vfork child's _exit or fatal signal), or the program it
 * execve'd with the state that survives execve (credentials: {@link InheritedCredentials}). The guest fds travel beside it (SCM_RIGHTS) in
 * the order of {@link #guestFds}.
 */
record ProcessImage(int kind, int status, String path, List<String> argv, List<String> env, String cwd, int umask,
        long ignoredSignals, long blockedSignals, long[] limits, int[] guestFds, int[] credentials) {
    static final int EXEC = 1, EXIT = 2, KILLED = 3;

    static ProcessImage exit(int status) {
        return new ProcessImage(EXIT, status, "", List.of(), List.of(), "", 0, 0, 0, new long[0], new int[0], new int[0]);
    }

    static ProcessImage killed(int signal) {
        return new ProcessImage(KILLED, signal, "", List.of(), List.of(), "", 0, 0, 0, new long[0], new int[0], new int[0]);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(kind);
            out.writeInt(status);
            out.writeUTF(path);
            writeList(out, argv);
            writeList(out, env);
            out.writeUTF(cwd);
            out.writeInt(umask);
            out.writeLong(ignoredSignals);
            out.writeLong(blockedSignals);
            out.writeInt(limits.length);
            for (long l : limits) {
                out.writeLong(l);
            }
            out.writeInt(guestFds.length);
            for (int fd : guestFds) {
                out.writeInt(fd);
            }
            out.writeInt(credentials.length);
            for (int id : credentials) {
                out.writeInt(id);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    static ProcessImage fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int kind = in.readInt();
            int status = in.readInt();
            String path = in.readUTF();
            List<String> argv = readList(in);
            List<String> env = readList(in);
            String cwd = in.readUTF();
            int umask = in.readInt();
            long ignored = in.readLong();
            long blocked = in.readLong();
            long[] limits = new long[in.readInt()];
            for (int i = 0; i < limits.length; i++) {
                limits[i] = in.readLong();
            }
            int[] fds = new int[in.readInt()];
            for (int i = 0; i < fds.length; i++) {
                fds[i] = in.readInt();
            }
            int[] credentials = new int[in.readInt()];
            for (int i = 0; i < credentials.length; i++) {
                credentials[i] = in.readInt();
            }
            return new ProcessImage(kind, status, path, argv, env, cwd, umask, ignored, blocked, limits, fds,
                credentials);
        } catch (IOException malformed) {
            throw new UncheckedIOException(malformed);
        }
    }

    /** Strings as length-prefixed UTF-8 (writeUTF stops at 64 KiB; an environment may not). */
    private static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            list.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        return list;
    }
}
