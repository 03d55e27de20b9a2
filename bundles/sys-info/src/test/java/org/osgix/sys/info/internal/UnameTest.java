package org.osgix.sys.info.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgix.host.Host;
import org.osgix.host.posix.internal.PosixHost;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;
import org.osgix.test.support.FakeCall;
import org.osgix.test.support.FakeProcess;
import org.osgix.test.support.PagedMemory;

class UnameTest {
    private static final Host HOST = new PosixHost();
    private final PagedMemory memory = new PagedMemory(HOST.memory(), 2);
    private final FakeCall call = new FakeCall(new FakeProcess(10, memory));
    private final Uname uname = new Uname(HOST, new Capabilities(HOST));

    @AfterEach
    void free() {
        memory.close();
    }

    private String field(int index) {
        return memory.readCString(memory.base() + index * Uname.FIELD_SIZE, Uname.FIELD_SIZE);
    }

    private static String proc(String name) throws Exception {
        return Files.readString(Path.of("/proc/sys/kernel/" + name)).trim();
    }

    @Test
    void describesLinuxOnX8664WithTheHostsNamesAndRelease() throws Exception {
        memory.fill(memory.base(), Uname.SIZE, (byte) 'x');
        assertEquals(0, call.invoke(uname::uname, memory.base()));
        assertEquals("Linux", field(Uname.SYSNAME));
        assertEquals(proc("hostname"), field(Uname.NODENAME));
        assertEquals(proc("osrelease"), field(Uname.RELEASE));
        assertEquals(proc("version"), field(Uname.VERSION));
        assertEquals("x86_64", field(Uname.MACHINE));
        assertEquals(proc("domainname"), field(Uname.DOMAINNAME));
    }

    @Test
    void aBufferThatIsNotWholeAndWritableIsEfault() {
        assertEquals(-Errno.EFAULT, call.invoke(uname::uname, 8));
        assertEquals(-Errno.EFAULT, call.invoke(uname::uname, memory.end() - Uname.SIZE + 1));
        memory.protect(memory.base() + 4096, memory.end() - (memory.base() + 4096), GuestMemory.PROT_READ);
        assertEquals(-Errno.EFAULT, call.invoke(uname::uname, memory.base() + 4096 - 100));
    }

    @Test
    void setNamesAreTheGuestsOwnAndLeaveTheHostsAlone() throws Exception {
        Assumptions.assumeTrue(new Capabilities(HOST).hasEffective(Uname.CAP_SYS_ADMIN), "needs CAP_SYS_ADMIN");
        String hostName = proc("hostname");
        long name = memory.base() + 2048;
        memory.write(name, "guest-name\0xx".getBytes(), 0, 13);
        assertEquals(0, call.invoke(uname::sethostname, name, 13));
        assertEquals(0, call.invoke(uname::setdomainname, name, 5));
        assertEquals(0, call.invoke(uname::uname, memory.base()));
        assertEquals("guest-name", field(Uname.NODENAME));
        assertEquals("guest", field(Uname.DOMAINNAME));
        assertEquals(hostName, proc("hostname"));
        assertEquals(-Errno.EINVAL, call.invoke(uname::sethostname, name, 65));
        assertEquals(-Errno.EINVAL, call.invoke(uname::sethostname, name, -1));
        assertEquals(-Errno.EFAULT, call.invoke(uname::sethostname, 8, 4));
    }
}
