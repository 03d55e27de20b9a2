package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;

/**
 * The loader against mutated real programs (headers, program headers, PT_INTERP, PT_GNU_STACK,
 * alignments, overlapping and huge segments, truncation): every case ends in a loaded image or
 * an {@link ExecException} (126/127 for the launcher), never another exception. A sample is
 * compared with what the native execve does with the same file (exec-probe, which never lets
 * the program run): the result class must be the same, except the refusals of
 * {@link #knownReason}. {@code -Dosgix.elffuzz.cases=N} sets the case count (default 10000).
 */
class ElfFuzzTest {
    private static final int CASES = Integer.getInteger("osgix.elffuzz.cases", 10_000);
    /** One case in this many is also run natively. */
    private static final int NATIVE_EVERY = 25;
    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");
    private static final long[] INTERESTING = {
        0, 1, -1, 2, 7, 8, 0x40, 0x1000, 0xfff, 0x7fffffff, 0x80000000L, 0xffffffffL, 1L << 32,
        1L << 46, 1L << 47, (1L << 47) - 0x1000, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE,
    };
    /**
     * Where this loader refuses (ENOEXEC) a file Linux's execve starts, on purpose (see
     * docs/fidelity.md, "Malformed programs"): Linux maps what it is given and the program dies
     * later (SIGBUS past the end of the file, garbage where offset and address disagree); a
     * host mapping past the end of the file would raise that SIGBUS in the JVM instead.
     */
    static String knownReason(byte[] elf) {
        if (elf.length < 64) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phnum = Short.toUnsignedInt(b.getShort(56));
        for (int i = 0; i < phnum; i++) {
            long at = phoff + 56L * i;
            if (at < 0 || at > elf.length - 56) {
                return null;
            }
            if (b.getInt((int) at) != ProgramHeader.PT_LOAD) {
                continue;
            }
            long offset = b.getLong((int) at + 8), vaddr = b.getLong((int) at + 16);
            long filesz = b.getLong((int) at + 32), memsz = b.getLong((int) at + 40);
            if (Long.compareUnsigned(offset + filesz, elf.length) > 0) {
                return "a segment past the end of the file";
            }
            if (Long.compareUnsigned(filesz, memsz) > 0) {
                return "p_filesz > p_memsz";
            }
            if (((vaddr - offset) & 0xfff) != 0) {
                return "p_vaddr and p_offset differ within the page";
            }
            if (Long.compareUnsigned(memsz, 1L << 36) > 0) {
                return "a segment over 64 GiB";   // Linux maps it lazily; here it is ENOMEM or ENOEXEC
            }
        }
        return null;
    }

    private final ElfProgramLoader loader = new ElfProgramLoader(TestHosts.host());

    @Test
    void mutatedProgramsNeverThrowAnythingButExecException() throws Exception {
        List<byte[]> seeds = List.of(
            Files.readAllBytes(TestPrograms.compile("fuzz-static", TestPrograms.TINY_PROGRAM, "-static")),
            Files.readAllBytes(TestPrograms.compile("fuzz-pie", TestPrograms.TINY_PROGRAM, "-static-pie")),
            Files.readAllBytes(Path.of("/bin/true")));
        Path probe = TestPrograms.compile("exec-probe", resource("exec-probe.c"));
        Random random = new Random(20261207);
        Map<String, Integer> classes = new TreeMap<>();
        Map<String, Integer> mismatches = new TreeMap<>();
        Map<String, Integer> known = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        int compared = 0;
        long started = System.nanoTime(), nativeNanos = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = mutate(seeds.get(i % seeds.size()).clone(), random);
            Path file = TestPrograms.executable("fuzz-case", bytes);
            String ours = load(file, i, crashes);
            classes.merge(ours, 1, Integer::sum);
            if (i % NATIVE_EVERY == 0) {
                long t = System.nanoTime();
                String theirs = probe(probe, file);
                nativeNanos += System.nanoTime() - t;
                compared++;
                // the refusal comes before Linux's later checks (e.g. opening PT_INTERP), so it may also
                // stand where Linux fails for another reason
                String reason = (ours.equals("errno 8") || ours.equals("errno 12")) && !ours.equals(theirs)
                    ? knownReason(bytes) : null;
                if (reason != null) {
                    known.merge(reason, 1, Integer::sum);
                } else if (!ours.equals(theirs)) {
                    mismatches.merge(ours + "/" + theirs, 1, Integer::sum);
                    Files.write(TestPrograms.DIR.resolve("fuzz-mismatch-" + i), bytes);
                }
            }
        }
        System.out.printf("ELF fuzz: %d cases in %.1f s (native probes: %d in %.1f s); results %s;"
            + " known differences from native execve: %s; others: %s%n", CASES, (System.nanoTime() - started) / 1e9,
            compared, nativeNanos / 1e9, classes, known, mismatches);
        assertTrue(crashes.isEmpty(), "the loader threw: " + crashes.subList(0, Math.min(10, crashes.size())));
        assertTrue(mismatches.isEmpty(), "loader vs native execve (osgix/native: count; cases saved under "
            + TestPrograms.DIR + "): " + mismatches);
    }

    /** "started" when the loader built an image, "errno N" when it refused. */
    private String load(Path file, int i, List<String> crashes) {
        try (IdentityAddressSpace space = new IdentityAddressSpace(TestHosts.host())) {
            loader.load(new ExecRequest(file.toString(), file.toString(), List.of(file.toString()), ENV), space);
            return "started";
        } catch (ExecException e) {
            return "errno " + e.errno();
        } catch (RuntimeException | Error bug) {
            crashes.add("case " + i + ": " + bug);
            try {
                Files.copy(file, TestPrograms.DIR.resolve("fuzz-crash-" + i), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // the message is enough
            }
            return "exception";
        }
    }

    private static String probe(Path probe, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(probe.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "probe timed out";
        }
        return out;
    }

    /** One to three mutations of the headers, the program headers or the length. */
    static byte[] mutate(byte[] elf, Random r) {
        int count = 1 + r.nextInt(3);
        for (int m = 0; m < count; m++) {
            ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
            long phoff = b.getLong(32);
            int phnum = Short.toUnsignedInt(b.getShort(56));
            boolean phdrsInside = phoff > 0 && phoff <= elf.length - 56L * phnum && phnum > 0;
            int ph = phdrsInside ? (int) phoff + 56 * r.nextInt(phnum) : -1;
            switch (r.nextInt(9)) {
                case 0 -> { // an ELF header field
                    int[] fields = {4, 5, 6, 7, 16, 18, 20, 24, 32, 40, 48, 52, 54, 56, 58, 60, 62};
                    put(b, fields[r.nextInt(fields.length)], value(r), r);
                }
                case 1, 2 -> { // a program header field
                    if (ph >= 0) {
                        int[] offsets = {0, 4, 8, 16, 24, 32, 40, 48};
                        int f = offsets[r.nextInt(offsets.length)];
                        put(b, ph + f, f == 0 || f == 4 ? phdrType(r) : value(r), f < 8 ? 4 : 8);
                    }
                }
                case 3 -> { // alignment and size games on a loadable segment
                    if (ph >= 0) {
                        long memsz = b.getLong(ph + 40), filesz = b.getLong(ph + 32);
                        switch (r.nextInt(4)) {
                            case 0 -> b.putLong(ph + 48, 1L << r.nextInt(64));
                            case 1 -> b.putLong(ph + 16, b.getLong(ph + 16) + 1 + r.nextInt(4096));
                            case 2 -> b.putLong(ph + 32, memsz + 1 + r.nextInt(1 << 20));
                            default -> b.putLong(ph + 40, filesz + (1L << (20 + r.nextInt(40))));
                        }
                    }
                }
                case 4 -> { // PT_INTERP: no terminator, out of the file, or another name
                    int interp = find(b, phoff, phnum, elf.length, ProgramHeader.PT_INTERP);
                    if (interp >= 0) {
                        long off = b.getLong(interp + 8), size = b.getLong(interp + 32);
                        switch (r.nextInt(4)) {
                            case 0 -> { if (off + size <= elf.length && size > 0) elf[(int) (off + size - 1)] = 'x'; }
                            case 1 -> b.putLong(interp + 8, elf.length - r.nextInt(8));
                            case 2 -> b.putLong(interp + 32, value(r));
                            default -> { if (off >= 0 && off + 4 < elf.length) elf[(int) off + 1 + r.nextInt(3)] = (byte) r.nextInt(256); }
                        }
                    }
                }
                case 5 -> { // PT_GNU_STACK flags, or some other header turned into one
                    int stack = find(b, phoff, phnum, elf.length, 0x6474e551);
                    if (stack >= 0) {
                        b.putInt(stack + 4, r.nextInt(8) | (r.nextBoolean() ? 0 : r.nextInt()));
                    } else if (ph >= 0) {
                        b.putInt(ph, 0x6474e551);
                    }
                }
                case 6 -> { // one program header copied over another: overlapping segments
                    if (ph >= 0 && phnum > 1) {
                        int other = (int) phoff + 56 * r.nextInt(phnum);
                        System.arraycopy(elf, ph, elf, other, 56);
                    }
                }
                case 7 -> { // truncation
                    return Arrays.copyOf(elf, r.nextInt(Math.min(elf.length, 1 << (6 + r.nextInt(12)))));
                }
                default -> { // random bytes in the first page
                    for (int k = 1 + r.nextInt(8); k > 0; k--) {
                        elf[r.nextInt(Math.min(elf.length, 4096))] = (byte) r.nextInt(256);
                    }
                }
            }
        }
        return elf;
    }

    private static long value(Random r) {
        return r.nextInt(4) == 0 ? r.nextLong() : INTERESTING[r.nextInt(INTERESTING.length)];
    }

    private static long phdrType(Random r) {
        long[] types = {0, 1, 2, 3, 4, 6, 7, 0x6474e550, 0x6474e551, 0x6474e552, 0x6474e553, 0x70000000, -1};
        return r.nextBoolean() ? types[r.nextInt(types.length)] : r.nextInt(8);
    }

    private static void put(ByteBuffer b, int at, long v, Random r) {
        int width = at < 16 ? 1 : at < 24 ? (at == 20 ? 4 : 2) : at < 48 ? 8 : at == 48 ? 4 : 2;
        put(b, at, v, width);
    }

    private static void put(ByteBuffer b, int at, long v, int width) {
        if (at + width > b.capacity()) {
            return;
        }
        switch (width) {
            case 1 -> b.put(at, (byte) v);
            case 2 -> b.putShort(at, (short) v);
            case 4 -> b.putInt(at, (int) v);
            default -> b.putLong(at, v);
        }
    }

    private static int find(ByteBuffer b, long phoff, int phnum, int length, int type) {
        for (int i = 0; i < phnum; i++) {
            long at = phoff + 56L * i;
            if (at < 0 || at > length - 56) {
                return -1;
            }
            if (b.getInt((int) at) == type) {
                return (int) at;
            }
        }
        return -1;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ElfFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
