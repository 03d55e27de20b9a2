package org.osgix.sys.info.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.host.Host;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * uname: the host's node name, release, version and domain name in a Linux x86_64
 * {@code struct utsname} (six 65-byte fields), always saying "Linux" on "x86_64" because that
 * is the kernel the guest sees whatever the host is. sethostname and setdomainname change the
 * guest's own names, never the host's (as if the guest had its own UTS namespace): the host
 * machine is not the guest's to rename. The permission check is Linux's: CAP_SYS_ADMIN in the
 * calling thread's effective set.
 */
final class Uname {
    static final int FIELD_SIZE = 65;
    static final int SIZE = 6 * FIELD_SIZE;
    static final int SYSNAME = 0, NODENAME = 1, RELEASE = 2, VERSION = 3, MACHINE = 4, DOMAINNAME = 5;
    private static final byte[] SYSNAME_FIELD = field("Linux");
    private static final byte[] MACHINE_FIELD = field("x86_64");

    /** Linux's __NEW_UTS_LEN: the longest name sethostname and setdomainname take. */
    static final int NAME_MAX = 64;
    static final int CAP_SYS_ADMIN = 21;

    /** The names a guest process set: null fields are the host's. */
    static final class Names {
        volatile byte[] node;
        volatile byte[] domain;
    }

    private final Host host;
    private final Capabilities capabilities;

    Uname(Host host, Capabilities capabilities) {
        this.host = host;
        this.capabilities = capabilities;
    }

    long uname(SyscallContext call) {
        long addr = call.arg0();
        GuestMemory memory = call.memory();
        long buffer = memory.hostAddress(addr, SIZE, GuestMemory.PROT_WRITE);
        if (buffer < 0) {
            return buffer;
        }
        int rc = host.uname(buffer);
        if (rc < 0) {
            return rc;
        }
        memory.write(addr + SYSNAME * FIELD_SIZE, SYSNAME_FIELD, 0, FIELD_SIZE);
        memory.write(addr + MACHINE * FIELD_SIZE, MACHINE_FIELD, 0, FIELD_SIZE);
        Names names = call.process().state(Names.class, Names::new);
        byte[] node = names.node;
        byte[] domain = names.domain;
        if (node != null) {
            memory.write(addr + NODENAME * FIELD_SIZE, node, 0, FIELD_SIZE);
        }
        if (domain != null) {
            memory.write(addr + DOMAINNAME * FIELD_SIZE, domain, 0, FIELD_SIZE);
        }
        return 0;
    }

    long sethostname(SyscallContext call) {
        return setName(call, true);
    }

    long setdomainname(SyscallContext call) {
        return setName(call, false);
    }

    /** Linux's order: EPERM without CAP_SYS_ADMIN, EINVAL for a length past 64, EFAULT. */
    private long setName(SyscallContext call, boolean node) {
        if (!capabilities.hasEffective(CAP_SYS_ADMIN)) {
            return -Errno.EPERM;
        }
        long length = call.arg1();
        if (length < 0 || length > NAME_MAX) {
            return -Errno.EINVAL;
        }
        if (!call.memory().isAccessible(call.arg0(), length, GuestMemory.PROT_READ)) {
            return -Errno.EFAULT;
        }
        // a NUL-padded field: a NUL inside the name ends it, as it does for Linux's readers
        byte[] field = new byte[FIELD_SIZE];
        call.memory().read(call.arg0(), field, 0, (int) length);
        Names names = call.process().state(Names.class, Names::new);
        if (node) {
            names.node = field;
        } else {
            names.domain = field;
        }
        return 0;
    }

    private static byte[] field(String value) {
        byte[] field = new byte[FIELD_SIZE];
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, field, 0, bytes.length);
        return field;
    }
}
