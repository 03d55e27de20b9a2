package org.osgix.loader.elf.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgix.exec.ExecException;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;

/**
 * Maps the main thread's stack and lays it out as Linux does. From the top: 8 zero bytes, the
 * execfn string, the envp strings, the argv strings; then (16-byte aligned) the platform string,
 * the 16 AT_RANDOM bytes; below them, aligned so the stack pointer is 16-byte aligned: argc, the
 * argv pointers and NULL, the envp pointers and NULL, the auxv pairs and AT_NULL.
 */
final class InitialStack {
    static final long SIZE = 8L << 20;
    static final String PLATFORM = "x86_64";
    /** Linux's MAX_ARG_STRLEN: the longest single argument or environment string, NUL included. */
    static final int MAX_STRING = 32 * 4096;
    private static final int RANDOM_BYTES = 16;

    private final AddressSpace space;

    InitialStack(AddressSpace space) {
        this.space = space;
    }

    /**
     * Maps the stack and writes its contents; fills in AT_RANDOM, AT_PLATFORM and AT_EXECFN of
     * {@code aux} with their stack addresses.
     *
     * @return the initial stack pointer (pointing at argc)
     * @throws ExecException E2BIG when the strings do not fit (a quarter of the stack, as Linux's
     *         limit for an 8 MiB stack rlimit), ENOMEM when the stack cannot be mapped
     */
    long build(List<String> argv, List<String> envp, String execfn, AuxVector aux, byte[] random,
        boolean executable) throws ExecException {
        byte[][] args = encode(argv);
        byte[][] envs = encode(envp);
        byte[] execName = execfn.getBytes(StandardCharsets.UTF_8);
        checkSizes(args, envs, execName);

        int prot = AddressSpace.PROT_READ | AddressSpace.PROT_WRITE
            | (executable ? AddressSpace.PROT_EXEC : 0);
        long base = space.mmap(0, SIZE, prot,
            AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS | AddressSpace.MAP_GROWSDOWN, -1, 0,
            "[stack]");
        if (base < 0) {
            throw ExecErrors.of(Errno.ENOMEM);
        }
        long top = base + SIZE;

        long p = top - Long.BYTES;
        long execfnAddress = p -= execName.length + 1;
        long[] envAddresses = placeStrings(envs, p);
        p = envs.length > 0 ? envAddresses[0] : p;
        long[] argAddresses = placeStrings(args, p);
        p = args.length > 0 ? argAddresses[0] : p;
        p &= -16L;
        long platformAddress = p -= PLATFORM.length() + 1;
        long randomAddress = p -= RANDOM_BYTES;
        aux.put(AuxVector.AT_RANDOM, randomAddress);
        aux.put(AuxVector.AT_EXECFN, execfnAddress);
        aux.put(AuxVector.AT_PLATFORM, platformAddress);

        long words = 1 + (args.length + 1) + (envs.length + 1) + 2L * (aux.size() + 1);
        long sp = (p - words * Long.BYTES) & -16L;

        ByteBuffer image = ByteBuffer.allocate((int) (top - sp)).order(ByteOrder.LITTLE_ENDIAN);
        putString(image, execfnAddress - sp, execName);
        putStrings(image, envAddresses, envs, sp);
        putStrings(image, argAddresses, args, sp);
        image.put((int) (platformAddress - sp), PLATFORM.getBytes(StandardCharsets.US_ASCII));
        image.put((int) (randomAddress - sp), random, 0, RANDOM_BYTES);

        image.position(0);
        image.putLong(args.length);
        putPointers(image, argAddresses);
        putPointers(image, envAddresses);
        aux.putInto(image);

        space.write(sp, image.array(), 0, image.capacity());
        return sp;
    }

    /** E2BIG as {@link #build} would throw it, checked before anything is mapped. */
    static void checkSizes(List<String> argv, List<String> envp, String execfn) throws ExecException {
        checkSizes(encode(argv), encode(envp), execfn.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[][] encode(List<String> strings) {
        byte[][] bytes = new byte[strings.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private static void checkSizes(byte[][] args, byte[][] envs, byte[] execName) throws ExecException {
        long total = execName.length + 1L + (long) (args.length + envs.length) * Long.BYTES;
        for (byte[][] strings : new byte[][][] {args, envs}) {
            for (byte[] s : strings) {
                if (s.length + 1 > MAX_STRING) {
                    throw ExecErrors.of(Errno.E2BIG);
                }
                total += s.length + 1;
            }
        }
        if (execName.length + 1 > MAX_STRING || total > SIZE / 4) {
            throw ExecErrors.of(Errno.E2BIG);
        }
    }

    /** Places the strings below {@code end}, the first string lowest; returns their addresses. */
    private static long[] placeStrings(byte[][] strings, long end) {
        long[] addresses = new long[strings.length];
        long p = end;
        for (int i = strings.length - 1; i >= 0; i--) {
            p -= strings[i].length + 1;
            addresses[i] = p;
        }
        return addresses;
    }

    private static void putStrings(ByteBuffer image, long[] addresses, byte[][] strings, long sp) {
        for (int i = 0; i < strings.length; i++) {
            putString(image, addresses[i] - sp, strings[i]);
        }
    }

    /** The buffer is zero-filled, so the NUL terminator is already there. */
    private static void putString(ByteBuffer image, long offset, byte[] bytes) {
        image.put((int) offset, bytes);
    }

    private static void putPointers(ByteBuffer image, long[] addresses) {
        for (long address : addresses) {
            image.putLong(address);
        }
        image.putLong(0);
    }
}
