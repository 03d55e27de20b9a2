package org.osgix.sys.io.internal;

import static org.osgix.ioctl.IoctlRequests.FIONREAD;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * sendfile, copy_file_range, splice, tee: the host moves the data between host fds, never
 * through guest memory. Offsets the guest passes by pointer are copied into the per-thread spare
 * words, handed to the host, and copied back after a transfer. A transfer into a blocking pipe
 * waits interruptibly for room and moves what fits; splice and tee run the host call with
 * SPLICE_F_NONBLOCK and wait interruptibly in between.
 */
final class KernelCopies {
    private static final int SPLICE_F_NONBLOCK = 2;
    private static final int SPLICE_FLAGS = 0xf;
    private static final int F_GETPIPE_SZ = 1032;

    private final Host host;
    private final NativeMemory memory;
    private final IovecScratch scratch;

    KernelCopies(Host host, IovecScratch scratch) {
        this.host = host;
        this.memory = host.memory();
        this.scratch = scratch;
    }

    long sendfile(SyscallContext call) {
        int outFd = call.fdArg(0);
        int inFd = call.fdArg(1);
        long offsetAddr = call.arg2();
        long count = Math.min(call.arg3(), GuestBuffers.MAX_RW_COUNT);
        long offset = offsetAddr == 0 ? 0 : copyIn(call, offsetAddr, 0);
        return withBoth(call, inFd, outFd, (in, out) -> {
            if (in.kind() == FileKind.PATH || out.kind() == FileKind.PATH) {
                return -Errno.EBADF;
            }
            long len = count;
            if (len > 0 && out.kind() == FileKind.PIPE && StreamTransfer.mayBlock(out)) {
                len = awaitPipeRoom(call, out, len);
                if (len < 0) {
                    return len;
                }
            }
            long r = host.sendfile(out.hostFd(), in.hostFd(), offset, len);
            if (r >= 0 && offsetAddr != 0) {
                call.memory().writeLong(offsetAddr, memory.getLong(offset));
            }
            return r;
        });
    }

    long copyFileRange(SyscallContext call) {
        int inFd = call.fdArg(0);
        long inOffsetAddr = call.arg1();
        int outFd = call.fdArg(2);
        long outOffsetAddr = call.arg3();
        long length = call.arg4();
        int flags = call.intArg(5);
        if (flags != 0) {
            return -Errno.EINVAL;
        }
        long inOffset = inOffsetAddr == 0 ? 0 : copyIn(call, inOffsetAddr, 0);
        long outOffset = outOffsetAddr == 0 ? 0 : copyIn(call, outOffsetAddr, 8);
        return withBoth(call, inFd, outFd, (in, out) -> {
            long r = host.copyFileRange(in.hostFd(), inOffset, out.hostFd(), outOffset, length, 0);
            copyOut(call, r, inOffsetAddr, inOffset, outOffsetAddr, outOffset);
            return r;
        });
    }

    long splice(SyscallContext call) {
        int inFd = call.fdArg(0);
        long inOffsetAddr = call.arg1();
        int outFd = call.fdArg(2);
        long outOffsetAddr = call.arg3();
        long length = call.arg4();
        int flags = call.intArg(5);
        if ((flags & ~SPLICE_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        long inOffset = inOffsetAddr == 0 ? 0 : copyIn(call, inOffsetAddr, 0);
        long outOffset = outOffsetAddr == 0 ? 0 : copyIn(call, outOffsetAddr, 8);
        return withBoth(call, inFd, outFd, (in, out) -> waitingLoop(call, in, out, flags,
            () -> {
                long r = host.splice(in.hostFd(), inOffset, out.hostFd(), outOffset, length,
                    flags | SPLICE_F_NONBLOCK);
                copyOut(call, r, inOffsetAddr, inOffset, outOffsetAddr, outOffset);
                return r;
            },
            () -> host.splice(in.hostFd(), inOffset, out.hostFd(), outOffset, length, flags)));
    }

    long tee(SyscallContext call) {
        int inFd = call.fdArg(0);
        int outFd = call.fdArg(1);
        long length = call.arg2();
        int flags = call.intArg(3);
        if ((flags & ~SPLICE_FLAGS) != 0) {
            return -Errno.EINVAL;
        }
        return withBoth(call, inFd, outFd, (in, out) -> waitingLoop(call, in, out, flags,
            () -> host.tee(in.hostFd(), out.hostFd(), length, flags | SPLICE_F_NONBLOCK),
            () -> host.tee(in.hostFd(), out.hostFd(), length, flags)));
    }

    private interface Transfer {
        long run();
    }

    /**
     * A splice or tee: without blocking when the guest asked so or neither end is a blocking
     * pipe; otherwise non-blocking host attempts with interruptible waits between them.
     */
    private long waitingLoop(SyscallContext call, OpenFile in, OpenFile out, int flags, Transfer nonBlocking,
            Transfer asAsked) {
        boolean blockingPipe = in.kind() == FileKind.PIPE && StreamTransfer.mayBlock(in)
            || out.kind() == FileKind.PIPE && StreamTransfer.mayBlock(out);
        if ((flags & SPLICE_F_NONBLOCK) != 0 || !blockingPipe) {
            return asAsked.run();
        }
        while (true) {
            long r = nonBlocking.run();
            if (r != -Errno.EAGAIN) {
                return r;
            }
            boolean inEmpty = in.kind() != FileKind.PIPE || pipeBytes(in) == 0;
            int ready = inEmpty && StreamTransfer.mayBlock(in)
                ? call.thread().awaitHostFd(in.hostFd(), Host.POLLIN, -1)
                : call.thread().awaitHostFd(out.hostFd(), Host.POLLOUT, -1);
            if (ready < 0) {
                return ready;
            }
        }
    }

    /** Waits for room in a blocking pipe; returns how much of {@code len} fits now, or -EINTR. */
    private long awaitPipeRoom(SyscallContext call, OpenFile pipe, long len) {
        while (true) {
            int size = host.fcntl(pipe.hostFd(), F_GETPIPE_SZ, 0);
            long used = pipeBytes(pipe);
            if (size > 0 && used >= 0 && used < size) {
                return Math.min(len, size - used);
            }
            if (size < 0) {
                return len; // not a host pipe after all: let the host call answer
            }
            int ready = call.thread().awaitHostFd(pipe.hostFd(), Host.POLLOUT, -1);
            if (ready < 0) {
                return ready;
            }
        }
    }

    private long pipeBytes(OpenFile pipe) {
        long word = scratch.spare() + 16;
        int r = host.ioctl(pipe.hostFd(), FIONREAD, word);
        return r < 0 ? r : memory.getInt(word);
    }

    /** Copies a guest loff_t into spare word {@code slot} (0 or 8); returns its host address. */
    private long copyIn(SyscallContext call, long guestAddr, int slot) {
        long word = scratch.spare() + slot;
        memory.putLong(word, call.memory().readLong(guestAddr));
        return word;
    }

    private void copyOut(SyscallContext call, long result, long inAddr, long inWord, long outAddr, long outWord) {
        if (result > 0) {
            if (inAddr != 0) {
                call.memory().writeLong(inAddr, memory.getLong(inWord));
            }
            if (outAddr != 0) {
                call.memory().writeLong(outAddr, memory.getLong(outWord));
            }
        }
    }

    private interface OnBoth {
        long apply(OpenFile in, OpenFile out);
    }

    /** Pins both descriptions for the call: EBADF when either fd is not open or has no host file. */
    private static long withBoth(SyscallContext call, int inFd, int outFd, OnBoth op) {
        OpenFile in = call.fds().pinRaw(inFd);
        if (in == null) {
            return -Errno.EBADF;
        }
        try {
            OpenFile out = call.fds().pinRaw(outFd);
            if (out == null) {
                return -Errno.EBADF;
            }
            try {
                if (in.hostFd() < 0 || out.hostFd() < 0) {
                    return -Errno.EINVAL;
                }
                return op.apply(in, out);
            } finally {
                out.unpin();
            }
        } finally {
            in.unpin();
        }
    }
}
