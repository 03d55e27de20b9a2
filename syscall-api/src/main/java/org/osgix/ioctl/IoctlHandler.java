package org.osgix.ioctl;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgix.fd.FdSnapshot;
import org.osgix.syscall.SyscallContext;

/**
 * Serves one or more ioctl request codes, as a whiteboard service. The ioctl family looks up the
 * handler for a call by request code and the descriptor's {@link org.osgix.fd.FileKind}: among
 * the services listing the code whose {@link #KIND} is absent or names the kind, the highest
 * {@code service.ranking} wins (ties: the lowest {@code service.id}), so a third-party bundle adds
 * or overrides a single request without touching the family. A request no service serves fails
 * with ENOTTY.
 *
 * <p>Before calling a handler the family has checked the descriptor (EBADF for a free slot and,
 * as on Linux, for O_PATH descriptors) and pinned its description; it unpins it after the
 * handler returns. Handlers are called concurrently and must be thread-safe.
 */
@ConsumerType
public interface IoctlHandler {
    /**
     * Service property: the request code(s) served (Long, Integer, or arrays of them; a String in
     * decimal or 0x-hexadecimal is accepted too). Only the low 32 bits count: Linux's request
     * argument is an unsigned int.
     */
    String REQUEST = "osgix.ioctl.request";
    /**
     * Service property: the {@link org.osgix.fd.FileKind} names (String or String[]) the handler
     * serves; absent means every kind.
     */
    String KIND = "osgix.ioctl.kind";
    /** Service property: a readable name of the request(s), e.g. "FIONBIO" (for diagnostics). */
    String NAME = "osgix.ioctl.name";

    /**
     * Serves one call.
     *
     * @param call the ioctl syscall (arg0 = fd, arg1 = request, arg2 = argument); not to be kept
     * @param descriptor the descriptor the family validated; its file is pinned until return. A
     *     handler changing the slot itself (close-on-exec) must act on this snapshot's generation
     *     (e.g. {@link org.osgix.fd.FdTable#compareAndSetCloexec}), never on the number alone.
     * @param request the request code (low 32 bits, unsigned)
     * @param arg the argument, usually a guest pointer (check it through the guest memory)
     * @return the Linux result: a non-negative value or {@code -errno}. A
     *     {@link org.osgix.syscall.GuestFault} thrown here becomes {@code -EFAULT}.
     */
    long ioctl(SyscallContext call, FdSnapshot descriptor, long request, long arg);
}
