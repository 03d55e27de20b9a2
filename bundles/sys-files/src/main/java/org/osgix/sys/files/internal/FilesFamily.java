package org.osgix.sys.files.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgix.host.Host;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * The files family: opening files, pipes, the descriptor table's syscalls, metadata, names,
 * links, directories, file systems and the working directory. Paths go to the host through
 * {@link PathResolver}. Handlers that never wait (descriptor-table changes, pipe creation,
 * metadata reads) are registered as non-blocking; open (a FIFO waits for its other end), fcntl
 * and flock (locks) are not.
 */
@Component(service = {})
public final class FilesFamily {
    static final String FAMILY = "sys-files";

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
    private static final String FD_LISTING =
        "an opened /proc/self/fd lists the guest's descriptors with made-up inode numbers";

    static SyscallRegistrations register(SyscallRegistrations regs, Host host) {
        Scratch scratch = new Scratch(host.memory());
        PathResolver paths = new PathResolver(host, scratch);
        registerOpening(regs, host, paths, scratch);
        registerMetadata(regs, host, paths, scratch);
        registerNames(regs, host, paths, scratch);
        return regs;
    }

    private static void registerOpening(SyscallRegistrations regs, Host host, PathResolver paths, Scratch scratch) {
        Open open = new Open(host, paths, new FileKinds(host, scratch), new FifoOpen(host, scratch));
        Descriptors descriptors = new Descriptors();
        Fcntl fcntl = new Fcntl(host);
        Pipes pipes = new Pipes(host);
        String proc = "/proc/self/{exe,fd,maps,status,cmdline,comm,task/TID/comm,auxv,environ,cwd,root} are the guest's; "
            + "other /proc entries show the host process";
        regs.partial("open", proc, open::open)
            .partial("openat", proc, open::openat)
            .partial("openat2", proc + "; under a sysroot the guest's RESOLVE_IN_ROOT/BENEATH are "
                + "the sysroot's", open::openat2)
            .partial("creat", proc, open::creat)
            .fullNonBlocking("close", descriptors::close)
            .fullNonBlocking("close_range", descriptors::closeRange)
            .fullNonBlocking("dup", descriptors::dup)
            .fullNonBlocking("dup2", descriptors::dup2)
            .fullNonBlocking("dup3", descriptors::dup3)
            .partial("fcntl", "no F_GETOWN/F_SETOWN/F_SETSIG, leases or F_NOTIFY; O_ASYNC is kept "
                + "but sends no SIGIO", fcntl::fcntl)
            .fullNonBlocking("pipe", pipes::pipe)
            .fullNonBlocking("pipe2", pipes::pipe2)
            .fullNonBlocking("memfd_create", new MemoryFiles(host)::memfdCreate)
            .full("flock", new Flock(host)::flock);
        Execve exec = new Execve(host, paths, scratch);
        regs.partial("execve", Execve.NOTE, exec::execve)
            .partial("execveat", Execve.NOTE, exec::execveat);
    }

    private static void registerMetadata(SyscallRegistrations regs, Host host, PathResolver paths, Scratch scratch) {
        Stat stat = new Stat(host, paths, scratch);
        StatX statx = new StatX(host, paths, scratch);
        Access access = new Access(host, paths);
        Permissions permissions = new Permissions(host, paths);
        Times times = new Times(host, paths, scratch);
        FileSpace space = new FileSpace(host, paths);
        FileSystems fileSystems = new FileSystems(host, paths, scratch);
        ExtendedAttributes xattrs = new ExtendedAttributes(host, paths);
        regs.fullNonBlocking("stat", stat::stat)
            .fullNonBlocking("lstat", stat::lstat)
            .fullNonBlocking("fstat", stat::fstat)
            .fullNonBlocking("newfstatat", stat::newfstatat)
            .fullNonBlocking("statx", statx::statx)
            .fullNonBlocking("access", access::access)
            .fullNonBlocking("faccessat", access::faccessat)
            .fullNonBlocking("faccessat2", access::faccessat2)
            .full("chmod", permissions::chmod)
            .full("fchmod", permissions::fchmod)
            .full("fchmodat", permissions::fchmodat)
            .full("fchmodat2", permissions::fchmodat2)
            .full("chown", permissions::chown)
            .full("lchown", permissions::lchown)
            .full("fchown", permissions::fchown)
            .full("fchownat", permissions::fchownat)
            .full("utimensat", times::utimensat)
            .full("utimes", times::utimes)
            .full("futimesat", times::futimesat)
            .full("utime", times::utime)
            .full("truncate", space::truncate)
            .full("ftruncate", space::ftruncate)
            .full("fallocate", space::fallocate)
            .full("fadvise64", space::fadvise64)
            .full("statfs", fileSystems::statfs)
            .full("fstatfs", fileSystems::fstatfs)
            .full("sync", fileSystems::sync)
            .full("syncfs", fileSystems::syncfs)
            .full("fsync", fileSystems::fsync)
            .full("fdatasync", fileSystems::fdatasync)
            .full("getxattr", xattrs::getxattr)
            .full("lgetxattr", xattrs::lgetxattr)
            .full("fgetxattr", xattrs::fgetxattr)
            .full("listxattr", xattrs::listxattr)
            .full("llistxattr", xattrs::llistxattr)
            .full("flistxattr", xattrs::flistxattr)
            .full("setxattr", xattrs::setxattr)
            .full("lsetxattr", xattrs::lsetxattr)
            .full("fsetxattr", xattrs::fsetxattr)
            .full("removexattr", xattrs::removexattr)
            .full("lremovexattr", xattrs::lremovexattr)
            .full("fremovexattr", xattrs::fremovexattr);
    }

    private static void registerNames(SyscallRegistrations regs, Host host, PathResolver paths, Scratch scratch) {
        Links links = new Links(host, paths, scratch);
        Names names = new Names(host, paths);
        Directories directories = new Directories(host);
        WorkingDirectory cwd = new WorkingDirectory(host, paths);
        regs.fullNonBlocking("readlink", links::readlink)
            .fullNonBlocking("readlinkat", links::readlinkat)
            .full("symlink", links::symlink)
            .full("symlinkat", links::symlinkat)
            .full("link", links::link)
            .full("linkat", links::linkat)
            .full("mkdir", names::mkdir)
            .full("mkdirat", names::mkdirat)
            .full("mknod", names::mknod)
            .full("mknodat", names::mknodat)
            .full("unlink", names::unlink)
            .full("unlinkat", names::unlinkat)
            .full("rmdir", names::rmdir)
            .full("rename", names::rename)
            .full("renameat", names::renameat)
            .full("renameat2", names::renameat2)
            .partial("getdents64", FD_LISTING, directories::getdents64)
            .partial("getdents", FD_LISTING, directories::getdents)
            .fullNonBlocking("getcwd", cwd::getcwd)
            .full("chdir", cwd::chdir)
            .full("fchdir", cwd::fchdir)
            .fullNonBlocking("umask", new Umask(host)::umask);
    }
}
