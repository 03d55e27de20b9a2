package org.osgix.sys.io.internal;

import static org.osgix.sys.io.internal.IovecScratch.IOVEC_SIZE;

import org.osgix.fd.FileKind;
import org.osgix.fd.OpenFile;
import org.osgix.fd.ReadableAttachment;
import org.osgix.host.Host;
import org.osgix.host.NativeMemory;
import org.osgix.syscall.Errno;
import org.osgix.syscall.SyscallContext;

/**
 * A blocking transfer on a stream (pipe, FIFO, socket, character device) that never blocks the
 * host thread where the guest thread could not be interrupted. The host transfer is tried with
 * RWF_NOWAIT; when it would block, the guest thread waits interruptibly for the host fd
 * ({@link org.osgix.syscall.GuestThread#awaitHostFd}) and tries again. A write goes on until every
 * byte is written, as Linux's blocking writes do, and an interruption after some progress returns
 * that progress. Only pipes and sockets go this way: RWF_NOWAIT changes nothing else about their
 * transfers. Other streams (ttys, character devices) are waited for first and then transferred
 * by a plain host call.
 */
final class StreamTransfer {
    static final int RWF_NOWAIT = 8;

    private final Host host;
    private final NativeMemory scratch;

    StreamTransfer(Host host) {
        this.host = host;
        this.scratch = host.memory();
    }

    /** True when a transfer on the description may have to wait (a stream without O_NONBLOCK). */
    static boolean mayBlock(OpenFile file) {
        if ((file.statusFlags() & OpenFile.O_NONBLOCK) != 0 || file.attachment() instanceof ReadableAttachment) {
            return false; // such an attachment waits itself; its host fd only carries readiness
        }
        return switch (file.kind()) {
            case REGULAR, DIRECTORY, PATH, EPOLL -> false;
            default -> true;
        };
    }

    /**
     * Transfers through the host iovec {@code table} of {@code segments} entries ({@code total}
     * bytes) at the file offset, waiting as a blocking Linux transfer would.
     *
     * @param flags the guest's RWF_* flags (preadv2/pwritev2), 0 otherwise
     */
    long transfer(SyscallContext call, OpenFile file, Direction direction, long table, int segments, long total,
            int flags) {
        int hostFd = file.hostFd();
        if (file.kind() != FileKind.PIPE && file.kind() != FileKind.SOCKET) {
            // a device may copy less under RWF_NOWAIT than a plain read would (/dev/zero does)
            return waitThenTransfer(call, file, direction, table, segments, flags);
        }
        long done = 0;
        int first = 0;
        while (true) {
            long r = direction == Direction.READ
                ? host.preadv2(hostFd, table + (long) first * IOVEC_SIZE, segments - first, -1, flags | RWF_NOWAIT)
                : host.pwritev2(hostFd, table + (long) first * IOVEC_SIZE, segments - first, -1, flags | RWF_NOWAIT);
            if (r == -Errno.EOPNOTSUPP && done == 0) {
                return waitThenTransfer(call, file, direction, table, segments, flags);
            }
            if (r == -Errno.EAGAIN) {
                int ready = call.thread().awaitHostFd(hostFd, direction.readyEvent, -1);
                if (ready < 0) {
                    return done > 0 ? done : ready;
                }
                continue;
            }
            if (r < 0) {
                return done > 0 ? done : r;
            }
            done += r;
            if (direction == Direction.READ || done == total) {
                return done;
            }
            first = skip(table, first, segments, r);
        }
    }

    /** The transfer of older kernels' files: wait for readiness, then a plain (blocking) host call. */
    private long waitThenTransfer(SyscallContext call, OpenFile file, Direction direction, long table, int segments,
            int flags) {
        int ready = call.thread().awaitHostFd(file.hostFd(), direction.readyEvent, -1);
        if (ready < 0) {
            return ready;
        }
        return direction == Direction.READ
            ? host.preadv2(file.hostFd(), table, segments, -1, flags)
            : host.pwritev2(file.hostFd(), table, segments, -1, flags);
    }

    /** Drops {@code bytes} from the front of the table (in place); returns the new first entry. */
    private int skip(long table, int first, int segments, long bytes) {
        int index = first;
        long left = bytes;
        while (index < segments) {
            long entry = table + (long) index * IOVEC_SIZE;
            long len = scratch.getLong(entry + 8);
            if (left < len) {
                scratch.putLong(entry, scratch.getLong(entry) + left);
                scratch.putLong(entry + 8, len - left);
                return index;
            }
            left -= len;
            index++;
        }
        return index;
    }
}
