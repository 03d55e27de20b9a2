package org.osgix.kernel.internal;

import java.util.function.IntConsumer;
import org.osgix.fd.FdTable;
import org.osgix.signal.SignalDelivery;

/**
 * vfork and clone(CLONE_VM|CLONE_VFORK): the child's runtime is started first (its host pid is
 * the child's pid, known before the child runs), then the child runs as a thread on the
 * parent's memory, with its own pid and a copy of the fd table, while the calling thread
 * waits; the child's execve hands the program to the runtime ({@link ExecHandoff}), its exit
 * makes the runtime exit with the same status. No memory is copied.
 */
final class VforkChild {
    private VforkChild() {
    }

    static long run(GuestProcessImpl parent, GuestThreadImpl parentThread, long stack, IntConsumer started) {
        ChildRuntimes.Spawned runtime = parent.spares().take();
        if (runtime.pid() < 0) {
            return runtime.pid();
        }
        VforkLink link = new VforkLink(parent.host(), runtime.socket());
        FdTable fds = parent.fds().copy();
        GuestProcessImpl child = new GuestProcessImpl(parent, runtime.pid(), fds, link);
        SignalDelivery delivery = parent.signalDelivery();
        if (delivery != null) { // ignored signals and the mask are inherited, handlers are not ours to run
            long[] inherited = delivery.execState(parentThread);
            delivery.inheritExecState(child, runtime.pid(), inherited[0], inherited[1]);
        }
        started.accept(runtime.pid());
        parent.children().watch(runtime.pid());
        GuestThreadImpl thread = child.newVforkThread(parentThread, stack);
        thread.start();
        link.awaitRelease(parent);
        return runtime.pid();
    }
}
