package org.osgix.files.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The files family: opening files, the descriptor table's syscalls, metadata, links and the
 * working directory. Paths go to the host through {@link PathResolver}.
 */
@Component(service = {})
public final class FilesFamily {
    static final String FAMILY = "files";

    private final SyscallRegistrations registrations;

    @Activate
    public FilesFamily(BundleContext context, @Reference Host host) {
        this.registrations = register(new SyscallRegistrations(context, FAMILY), host);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
    }

    /** Registers every handler of the family (also used by tests with a fake context). */
    static SyscallRegistrations register(SyscallRegistrations regs, Host host) {
        Scratch scratch = new Scratch(host.memory());
        PathResolver paths = new PathResolver(host, scratch);
        Umask umask = new Umask(FileCreationMask.hostUmask());
        Open open = new Open(host, paths, new FileKinds(host, scratch), umask);
        Descriptors descriptors = new Descriptors();
        Fcntl fcntl = new Fcntl(host);
        Stat stat = new Stat(host, paths, scratch);
        StatX statx = new StatX(host, paths, scratch);
        Access access = new Access(host, paths, scratch);
        Links links = new Links(host, paths, scratch);
        WorkingDirectory cwd = new WorkingDirectory(host, paths, scratch);
        Pipes pipes = new Pipes(host);
        String creation = "creation modes are also masked by the host process's umask; "
            + "/proc/self entries other than exe and fd/N show the host process";
        return regs
            .partial("open", creation, open::open)
            .partial("openat", creation, open::openat)
            .partial("creat", creation, open::creat)
            .full("close", descriptors::close)
            .full("dup", descriptors::dup)
            .full("dup2", descriptors::dup2)
            .full("dup3", descriptors::dup3)
            .partial("fcntl", "no F_GETOWN/F_SETOWN/F_SETSIG, leases or F_NOTIFY; O_ASYNC is kept "
                + "but sends no SIGIO", fcntl::fcntl)
            .full("stat", stat::stat)
            .full("lstat", stat::lstat)
            .full("fstat", stat::fstat)
            .full("newfstatat", stat::newfstatat)
            .partial("statx", "basic statistics only: no birth time, mount id or attributes", statx::statx)
            .partial("access", Access.NOTE, access::access)
            .partial("faccessat", Access.NOTE, access::faccessat)
            .partial("faccessat2", Access.NOTE, access::faccessat2)
            .full("readlink", links::readlink)
            .full("readlinkat", links::readlinkat)
            .full("getcwd", cwd::getcwd)
            .full("chdir", cwd::chdir)
            .full("fchdir", cwd::fchdir)
            .full("umask", umask::umask)
            .full("pipe", pipes::pipe)
            .full("pipe2", pipes::pipe2);
    }
}
