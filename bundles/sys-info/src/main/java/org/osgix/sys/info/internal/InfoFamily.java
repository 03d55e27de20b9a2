package org.osgix.sys.info.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/** The system information family: identity, capabilities, uname, random bytes, resource limits, sysinfo. */
@Component
public final class InfoFamily {
    static final String FAMILY = "sys-info";

    private final SyscallRegistrations registrations;

    @Activate
    public InfoFamily(BundleContext context, @Reference(name = "host") Host host) {
        Identity identity = new Identity(host);

        RandomBytes random = new RandomBytes(host);
        ResourceLimits limits = new ResourceLimits();
        SystemInfo systemInfo = new SystemInfo(host);
        CurrentCpu currentCpu = new CurrentCpu();
        Capabilities capabilities = new Capabilities(host);
        IdChanges ids = new IdChanges(capabilities);
        String ownIds = "the guest's own ids (per process, inherited by its children); the host checks file "
            + "access with the runtime's ids";
        Uname uname = new Uname(host, capabilities);
        String ownNames = "names the guest only (as its own UTS namespace would); the host keeps its name";
        registrations = new SyscallRegistrations(context, FAMILY)
            .fullNonBlocking("getpid", identity::getpid)
            .fullNonBlocking("getppid", identity::getppid)
            .partialNonBlocking("getpgrp", "the guest's own process only (one guest process per osgix)",
                identity::getpgrp)
            .fullNonBlocking("getpgid", identity::getpgid)
            .fullNonBlocking("getsid", identity::getsid)
            .partialNonBlocking("setpgid", "a parent's setpgid of its child is EACCES (its runtime ran execve)",
                identity::setpgid)
            .partialNonBlocking("setsid", "the guest's own process (the osgix process)", identity::setsid)
            .fullNonBlocking("getuid", identity::getuid)
            .fullNonBlocking("geteuid", identity::geteuid)
            .fullNonBlocking("getgid", identity::getgid)
            .fullNonBlocking("getegid", identity::getegid)
            .fullNonBlocking("getresuid", identity::getresuid)
            .fullNonBlocking("getresgid", identity::getresgid)
            .partialNonBlocking("setuid", ownIds, ids::setuid)
            .partialNonBlocking("setgid", ownIds, ids::setgid)
            .partialNonBlocking("setreuid", ownIds, ids::setreuid)
            .partialNonBlocking("setregid", ownIds, ids::setregid)
            .partialNonBlocking("setresuid", ownIds, ids::setresuid)
            .partialNonBlocking("setresgid", ownIds, ids::setresgid)
            .partialNonBlocking("setfsuid", ownIds, ids::setfsuid)
            .partialNonBlocking("setfsgid", ownIds, ids::setfsgid)
            .fullNonBlocking("getgroups", ids::getgroups)
            .partialNonBlocking("setgroups", ownIds, ids::setgroups)
            .partialNonBlocking("uname", "the node and domain names the guest set are its own", uname::uname)
            .partialNonBlocking("sethostname", ownNames, uname::sethostname)
            .partialNonBlocking("setdomainname", ownNames, uname::setdomainname)
            .full("getrandom", random::getrandom)
            .fullNonBlocking("getrlimit", limits::getrlimit)
            .fullNonBlocking("setrlimit", limits::setrlimit)
            .fullNonBlocking("prlimit64", limits::prlimit64)
            .fullNonBlocking("sysinfo", systemInfo::sysinfo)
            .partialNonBlocking("capget", "the sets of the calling thread's host thread; another "
                + "thread's tid reads the caller's sets", capabilities::capget)
            .fullNonBlocking("capset", capabilities::capset)
            .partialNonBlocking("getcpu", "always CPU 0, node 0", currentCpu::getcpu);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }
}
