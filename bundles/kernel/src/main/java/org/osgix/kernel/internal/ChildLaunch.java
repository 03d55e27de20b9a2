package org.osgix.kernel.internal;

import org.osgix.fd.FdTable;
import org.osgix.host.Host;
import org.osgix.signal.SignalDelivery;

/**
 * A child runtime's start: instead of a program from the command line it receives its process
 * from the runtime that started it, or that it replaced by a host execve ({@link ChildChannel};
 * launch option {@code child}: the socket's fd, then the lifeline's read and, in a first runtime,
 * write end):
 * either how a vfork child ended before execve (exit with its status, or die by its signal), or
 * the program its execve named, started fresh as ./osgix starts one, with the guest fds at their
 * numbers (the same open file descriptions), cwd, umask, limits, ignored signals and mask.
 */
final class ChildLaunch {
    /** The parent went away before telling this runtime what to run. */
    static final int ORPHANED = 127;

    private final Machinery machinery;
    private final LaunchRequest request;

    ChildLaunch(Machinery machinery, LaunchRequest request) {
        this.machinery = machinery;
        this.request = request;
    }

    int run() {
        Host host = machinery.host();
        String[] fds = request.options().get(ChildRuntimes.CHILD_OPTION).split(",");
        int socket = Integer.parseInt(fds[0]);
        machinery.runtimes().watchLifeline(fds.length > 1 ? Integer.parseInt(fds[1]) : -1,
                fds.length > 2 ? Integer.parseInt(fds[2]) : -1);
        host.fcntl(socket, Host.F_SETFD, 1);
        ChildChannel.Received received = ChildChannel.receive(host, socket);
        // from now on this runtime is a guest process (a spare is taken): a signal sent before
        // its process arrives is that process's (one sent while the JVM still boots ends it, 143)
        machinery.hostSignals().hold();
        int group = received == null ? -1 : SpareRuntimes.joinGroup(received.payload());
        if (group > 0) { // a spare, taken: into the group of the process that forked
            host.setpgid(0, group);
            received = ChildChannel.receive(host, socket);
        }
        host.close(socket);
        if (received == null) {
            return ORPHANED;
        }
        if (received.payload().length >= 4 && received.payload()[3] == ForkImage.KIND) {
            return fork(ForkImage.fromBytes(received.payload()), received.fds());
        }
        ProcessImage image = ProcessImage.fromBytes(received.payload());
        switch (image.kind()) {
            case ProcessImage.EXIT -> {
                return image.status();
            }
            case ProcessImage.KILLED -> {
                System.out.flush();
                host.dieBySignal(image.status());
                return 128 + image.status();
            }
            default -> {
                return exec(image, received.fds());
            }
        }
    }

    private int fork(ForkImage image, int[] hostFds) {
        // the parent's at the fork: a spare started earlier inherited older ones
        machinery.host().chdir(image.cwd());
        machinery.host().umask(image.umask());
        FdTable fds = machinery.fdTables().newTable(1024);
        Stdio stdio = new Stdio(machinery.host());
        int count = Math.min(hostFds.length - 1, image.guestFds().length);
        int[] backingFds = java.util.Arrays.copyOfRange(hostFds, count, Math.max(count, hostFds.length - 1));
        for (int i = 0; i < count; i++) {
            stdio.adopt(fds, hostFds[i], image.guestFds()[i]);
            if (image.cloexec()[i]) {
                fds.setCloexec(image.guestFds()[i], true);
            }
        }
        // the parent's architecture: the one its program was built for
        Architectures.Architecture arch = GuestLaunch.architecture(machinery, image.executable(), image.executable());
        if (arch == null) {
            fds.closeAll();
            return GuestLaunch.NOT_EXECUTABLE;
        }
        return GuestLaunch.launch(machinery, request, arch, fds, ResourceLimits.fromArray(image.limits()),
                process -> inherit(process, image.credentials()),
                new ForkStart(image, hostFds[hostFds.length - 1], backingFds));
    }

    private int exec(ProcessImage image, int[] hostFds) {
        Host host = machinery.host();
        host.chdir(image.cwd());
        host.umask(image.umask());
        FdTable fds = machinery.fdTables().newTable(1024);
        Stdio stdio = new Stdio(host);
        for (int i = 0; i < hostFds.length && i < image.guestFds().length; i++) {
            stdio.adopt(fds, hostFds[i], image.guestFds()[i]);
        }
        return GuestLaunch.launch(machinery, request, image.path(), image.argv(), image.env(), fds,
                ResourceLimits.fromArray(image.limits()), process -> {
                    inherit(process, image.credentials());
                    SignalDelivery delivery = process.signalDelivery();
                    if (delivery != null) {
                        delivery.inheritExecState(process, process.pid(), image.ignoredSignals(), image.blockedSignals());
                    }
                    return true;
                });
    }

    /** The parent's credentials, kept across fork and execve. */
    private static boolean inherit(GuestProcessImpl process, int[] credentials) {
        org.osgix.syscall.Credentials inherited = InheritedCredentials.fromArray(credentials);
        if (inherited != null) {
            process.setCredentials(inherited);
        }
        return true;
    }
}
