package org.osgix.sys.socket.internal;

import java.util.EnumSet;
import org.osgix.fd.FdSnapshot;
import org.osgix.fd.FileKind;
import org.osgix.host.Host;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * The socket ioctls through the IoctlHandler whiteboard: the interface queries (SIOCGIF*) read
 * the host's interfaces, and SIOCATMARK. Their structures are checked in guest memory and handed
 * to the host socket in place. FIONREAD/SIOCINQ, SIOCOUTQ (TIOCOUTQ) and FIONBIO are served for
 * every kind by the ioctl family already.
 */
final class SocketIoctls {
    /** struct ifreq: 40 bytes. struct ifconf: int ifc_len, (pad), pointer ifc_buf: 16 bytes. */
    static final int IFREQ_SIZE = 40, IFCONF_SIZE = 16;
    static final long SIOCATMARK = 0x8905, SIOCGIFNAME = 0x8910, SIOCGIFCONF = 0x8912, SIOCGIFFLAGS = 0x8913,
        SIOCGIFADDR = 0x8915, SIOCGIFBRDADDR = 0x8919, SIOCGIFNETMASK = 0x891b, SIOCGIFMTU = 0x8921,
        SIOCGIFHWADDR = 0x8927, SIOCGIFINDEX = 0x8933;

    private SocketIoctls() {
    }

    static IoctlRegistrations register(IoctlRegistrations regs, Host host) {
        EnumSet<FileKind> sockets = EnumSet.of(FileKind.SOCKET);
        IoctlHandler ifreq = (call, slot, request, arg) -> inPlace(host, call, slot, request, arg, IFREQ_SIZE);
        return regs
            .add("SIOCGIF*", ifreq, sockets, SIOCGIFNAME, SIOCGIFFLAGS, SIOCGIFADDR, SIOCGIFBRDADDR,
                SIOCGIFNETMASK, SIOCGIFMTU, SIOCGIFHWADDR, SIOCGIFINDEX)
            .add("SIOCGIFCONF", (call, slot, request, arg) -> ifconf(host, call, slot, arg), sockets, SIOCGIFCONF)
            .add("SIOCATMARK", (call, slot, request, arg) -> inPlace(host, call, slot, request, arg, Integer.BYTES),
                sockets, SIOCATMARK);
    }

    /** A request whose argument is a structure of {@code size} bytes read and written in place. */
    private static long inPlace(Host host, SyscallContext call, FdSnapshot slot, long request, long arg, int size) {
        long h = call.memory().hostAddress(arg, size, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE);
        if (h < 0) {
            return -Errno.EFAULT;
        }
        return host.ioctl(slot.file().hostFd(), request, h);
    }

    /** SIOCGIFCONF: the ifconf in place, and its buffer (a guest pointer) checked for its length. */
    private static long ifconf(Host host, SyscallContext call, FdSnapshot slot, long arg) {
        long h = call.memory().hostAddress(arg, IFCONF_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE);
        if (h < 0) {
            return -Errno.EFAULT;
        }
        int len = call.memory().readInt(arg);
        long buf = call.memory().readLong(arg + 8);
        // a null buffer asks for the length needed; guest addresses are host addresses once checked
        if (buf != 0 && len > 0 && call.memory().hostAddress(buf, len, GuestMemory.PROT_WRITE) < 0) {
            return -Errno.EFAULT;
        }
        return host.ioctl(slot.file().hostFd(), SIOCGIFCONF, h);
    }
}
