package org.osgix.kernel.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.osgix.engine.CpuRegister;
import org.osgix.exec.ExecException;
import org.osgix.exec.ExecRequest;
import org.osgix.exec.LoadedImage;
import org.osgix.exec.ProgramLoader;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.Errno;

/**
 * execve of a new program in the same process (same pid), as Linux's: the loader checks the file,
 * its format and the strings first, and any error returns to the old program untouched. At the
 * point of no return the other threads are ended, the caller becomes the main thread on a fresh
 * machine (so nothing of the old image stays mapped and the native engine's rewritten syscall
 * sites are forgotten with it), close-on-exec descriptors are closed and signal state is reset;
 * then the new image is mapped. A failure after that point kills the process with SIGSEGV.
 */
final class InPlaceExec {
    private static final int SIGSEGV = 11;
    private static final String FD_PREFIX = "/dev/fd/";

    private final ProgramLoader loader;
    /** Two threads calling execve at once: one wins, the other is ended by it. */
    private final ReentrantLock busy = new ReentrantLock();

    InPlaceExec(ProgramLoader loader) {
        this.loader = loader;
    }

    /** The Linux result: -errno before the point of no return, 0 in the new program. */
    int execve(GuestProcessImpl process, GuestThreadImpl caller, ExecRequest request) {
        if (!busy.tryLock()) {
            return -Errno.EINTR; // another thread's execve ends this one
        }
        try {
            return replace(process, caller, request);
        } finally {
            busy.unlock();
        }
    }

    private int replace(GuestProcessImpl process, GuestThreadImpl caller, ExecRequest request) {
        AddressSpaceImpl next = process.newImage();
        boolean[] committed = {false};
        LoadedImage image;
        try {
            image = loader.load(request, next, () -> {
                pointOfNoReturn(process, caller, next);
                committed[0] = true;
            });
        } catch (ExecException e) {
            if (!committed[0]) {
                discard(next);
                return -e.errno();
            }
            process.killBySignal(SIGSEGV, "execve of " + request.path() + " failed after the point of no return: "
                + e.getMessage());
            return 0;
        } catch (Abandoned e) {
            discard(next);
            return -Errno.EINTR; // the process is exiting: the caller's loop ends
        }
        String exe = image.executable().equals(request.path()) ? request.hostPath() : image.executable();
        String realExe = GuestLaunch.realPath(exe);
        process.setProgram(commandPath(request), realExe, image.argv(), request.envp());
        process.setAuxv(image.auxv());
        caller.vcpu().set(CpuRegister.PC, image.entry());
        caller.vcpu().set(CpuRegister.SP, image.stackPointer());
        return 0;
    }

    /**
     * The path the command name comes from: the path given, except for a program named by a
     * descriptor alone (execveat with AT_EMPTY_PATH: "/dev/fd/N"), which Linux names after its file.
     */
    private static String commandPath(ExecRequest request) {
        String path = request.path();
        if (path.startsWith(FD_PREFIX) && path.indexOf('/', FD_PREFIX.length()) < 0) {
            return GuestLaunch.realPath(request.hostPath());
        }
        return path;
    }

    private static void pointOfNoReturn(GuestProcessImpl process, GuestThreadImpl caller, AddressSpaceImpl next) {
        if (!process.killOtherThreads(caller)) {
            throw new Abandoned();
        }
        int formerTid = caller.tid();
        process.replaceImage(caller, next);
        process.fds().closeOnExec();
        process.setCredentials(InheritedCredentials.afterExec(process.credentials()));
        SignalDelivery signals = process.signalDelivery();
        if (signals != null) {
            signals.exec(caller, formerTid);
        }
    }

    /** Gives back a machine and memory the new program never used. */
    private static void discard(AddressSpaceImpl unused) {
        unused.machine().lock();
        try {
            unused.machine().close();
        } finally {
            unused.machine().unlock();
        }
        unused.release();
    }

    /** The process began to exit while the other threads were being ended. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super(null, null, false, false);
        }
    }
}
