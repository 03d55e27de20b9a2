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
 * A forked process as its runtime receives it: the mappings (their bytes are in a memfd sent as
 * the last fd, at {@code dataOffset}; -1: no bytes, e.g. PROT_NONE), the program break, the
 * forking thread's registers and vector state, its signal state, the fds (guest number and
 * close-on-exec flag, in the order the host fds travel), what /proc shows of the program, and
 * the engine's own regions among the guest's memory ({@code Machine.forkRegions}) with their bytes,
 * the working directory and umask (host-wide: the child's runtime may have started earlier), and
 * the credentials ({@link InheritedCredentials}).
 */
record ForkImage(List<Region> regions, long brkStart, long brkCurrent, long[] registers, byte[] vectorState,
        long[] signalState, int[] guestFds, boolean[] cloexec, long setChildTid, long clearChildTid,
        String executable, List<String> arguments, byte[] auxv, long[] limits, long[] engineAddresses,
        List<byte[]> engineBytes, String cwd, int umask, int[] credentials) {
    static final int KIND = 4;

    /**
     * One mapping: [start, end) with protection {@code prot}; a shared one maps the host object
     * {@code backing} (an index among the fds sent after the guest fds) at {@code offset}; -1:
     * private, its bytes at {@code dataOffset}.
     */
    record Region(long start, long end, int prot, long dataOffset, String name, int backing, long offset,
            boolean fileShared) {
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(KIND);
            out.writeInt(regions.size());
            for (Region r : regions) {
                out.writeLong(r.start());
                out.writeLong(r.end());
                out.writeInt(r.prot());
                out.writeLong(r.dataOffset());
                out.writeUTF(r.name() == null ? "" : r.name());
                out.writeInt(r.backing());
                out.writeLong(r.offset());
                out.writeBoolean(r.fileShared());
            }
            out.writeLong(brkStart);
            out.writeLong(brkCurrent);
            writeLongs(out, registers);
            out.writeInt(vectorState.length);
            out.write(vectorState);
            writeLongs(out, signalState);
            out.writeInt(guestFds.length);
            for (int i = 0; i < guestFds.length; i++) {
                out.writeInt(guestFds[i]);
                out.writeBoolean(cloexec[i]);
            }
            out.writeLong(setChildTid);
            out.writeLong(clearChildTid);
            out.writeUTF(executable == null ? "" : executable);
            out.writeInt(arguments.size());
            for (String a : arguments) {
                byte[] b = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            out.writeInt(auxv.length);
            out.write(auxv);
            writeLongs(out, limits);
            writeLongs(out, engineAddresses);
            for (byte[] b : engineBytes) {
                out.writeInt(b.length);
                out.write(b);
            }
            byte[] dir = cwd.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(dir.length);
            out.write(dir);
            out.writeInt(umask);
            writeInts(out, credentials);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    static ForkImage fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != KIND) {
                throw new IllegalArgumentException("not a fork image");
            }
            List<Region> regions = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                long start = in.readLong(), end = in.readLong();
                int prot = in.readInt();
                long off = in.readLong();
                String name = in.readUTF();
                int backing = in.readInt();
                long offset = in.readLong();
                boolean fileShared = in.readBoolean();
                regions.add(new Region(start, end, prot, off, name.isEmpty() ? null : name, backing, offset,
                        fileShared));
            }
            long brkStart = in.readLong(), brkCurrent = in.readLong();
            long[] registers = readLongs(in);
            byte[] vector = new byte[in.readInt()];
            in.readFully(vector);
            long[] signals = readLongs(in);
            int nfds = in.readInt();
            int[] fds = new int[nfds];
            boolean[] cloexec = new boolean[nfds];
            for (int i = 0; i < nfds; i++) {
                fds[i] = in.readInt();
                cloexec[i] = in.readBoolean();
            }
            long setTid = in.readLong(), clearTid = in.readLong();
            String exe = in.readUTF();
            List<String> args = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                args.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            byte[] auxv = new byte[in.readInt()];
            in.readFully(auxv);
            long[] limits = readLongs(in);
            long[] engineAddresses = readLongs(in);
            List<byte[]> engineBytes = new ArrayList<>();
            for (int i = 0; i < engineAddresses.length; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                engineBytes.add(b);
            }
            byte[] dir = new byte[in.readInt()];
            in.readFully(dir);
            int umask = in.readInt();
            int[] credentials = readInts(in);
            return new ForkImage(regions, brkStart, brkCurrent, registers, vector, signals, fds, cloexec, setTid,
                    clearTid, exe, args, auxv, limits, engineAddresses, engineBytes,
                    new String(dir, java.nio.charset.StandardCharsets.UTF_8), umask, credentials);
        } catch (IOException malformed) {
            throw new UncheckedIOException(malformed);
        }
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
