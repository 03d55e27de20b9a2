package org.osgix.sys.info.internal;

import java.nio.charset.StandardCharsets;
import org.osgix.host.Host;
import org.osgix.syscall.GuestMemory;
import org.osgix.syscall.SyscallContext;

/**
 * uname: the host's node name, release, version and domain name in a Linux x86_64
 * {@code struct utsname} (six 65-byte fields), always saying "Linux" on "x86_64" because that
 * is the kernel the guest sees whatever the host is.
 */
final class Uname {
    static final int FIELD_SIZE = 65;
    static final int SIZE = 6 * FIELD_SIZE;
    static final int SYSNAME = 0, NODENAME = 1, RELEASE = 2, VERSION = 3, MACHINE = 4, DOMAINNAME = 5;
    private static final byte[] SYSNAME_FIELD = field("Linux");
    private static final byte[] MACHINE_FIELD = field("x86_64");

    private final Host host;

    Uname(Host host) {
        this.host = host;
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
        return 0;
    }

    private static byte[] field(String value) {
        byte[] field = new byte[FIELD_SIZE];
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, field, 0, bytes.length);
        return field;
    }
}
