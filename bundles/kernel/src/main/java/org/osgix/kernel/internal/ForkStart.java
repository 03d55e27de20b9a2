package org.osgix.kernel.internal;

import org.osgix.engine.CpuRegister;
import org.osgix.host.Host;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;
import org.osgix.syscall.GuestMemory;

/**
 * fork on the child's side: maps the parent's mappings at the same addresses, private ones with
 * their bytes (read from the memfd), shared ones over the same host objects as the parent's,
 * restores the break, and starts the one thread, from the forking thread's registers with a
 * syscall result of 0.
 */
final class ForkStart implements GuestLaunch.Starter {
    private static final int RW = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
    private static final int ANON_FIXED = AddressSpace.MAP_PRIVATE | AddressSpace.MAP_FIXED | AddressSpace.MAP_ANONYMOUS;
    private final ForkImage image;
    private final int memfd;
    private final int[] backingFds;

    /** {@code backingFds}: the host objects behind the parent's shared mappings, in the image's order. */
    ForkStart(ForkImage image, int memfd, int[] backingFds) {
        this.image = image;
        this.memfd = memfd;
        this.backingFds = backingFds;
    }

    @Override
    public int start(GuestProcessImpl process) {
        Host host = process.host();
        AddressSpaceImpl memory = process.addressSpace();
        SharedBacking[] backings = new SharedBacking[backingFds.length];
        for (int i = 0; i < backingFds.length; i++) {
            backings[i] = memory.adoptBacking(backingFds[i]);
        }
        try {
            for (ForkImage.Region r : image.regions()) {
                long len = r.end() - r.start();
                boolean data = r.dataOffset() >= 0;
                long got = r.backing() < 0 ? memory.mmap(r.start(), len, data ? RW : r.prot(), ANON_FIXED, -1, 0, r.name())
                        : r.backing() < backings.length ? memory.mapShared(r.start(), len, r.prot(), r.fileShared(),
                                backings[r.backing()], r.offset(), r.name())
                        : -Errno.EBADF;
                if (got != r.start()) {
                    System.err.println("osgix: fork: cannot map 0x" + Long.toHexString(r.start()) + " in the child ("
                            + ErrnoNames.name((int) -got) + ")");
                    process.abandon();
                    return GuestLaunch.NOT_EXECUTABLE;
                }
                if (data) {
                    for (long done = 0; done < len; ) {
                        long n = host.pread(memfd, r.start() + done, len - done, r.dataOffset() + done);
                        if (n <= 0) {
                            break;
                        }
                        done += n;
                    }
                    if (r.prot() != RW) {
                        memory.mprotect(r.start(), len, r.prot());
                    }
                }
            }
        } finally {
            host.close(memfd);
            memory.dropUnusedBackings();
        }
        for (int i = 0; i < image.engineAddresses().length; i++) {
            if (!process.machine().adoptForkRegion(image.engineAddresses()[i], image.engineBytes().get(i))) {
                System.err.println("osgix: fork: the engine cannot recreate 0x"
                        + Long.toHexString(image.engineAddresses()[i]) + " in the child");
                process.abandon();
                return GuestLaunch.NOT_EXECUTABLE;
            }
        }
        memory.setBrk(image.brkStart(), image.brkCurrent());
        process.setProgram(image.executable(), image.executable(), image.arguments(), java.util.List.of());
        process.setAuxv(image.auxv());
        GuestThreadImpl thread = process.newForkThread(image.registers(), image.vectorState());
        SignalDelivery delivery = process.signalDelivery();
        if (delivery != null) {
            delivery.inheritForkState(process, process.pid(), image.signalState());
        }
        if (image.clearChildTid() != 0) {
            recordClearChildTid(process, thread, image.clearChildTid());
        }
        if (image.setChildTid() != 0) {
            try {
                memory.writeInt(image.setChildTid(), process.pid());
            } catch (org.osgix.syscall.GuestFault ignored) {
                // as Linux: the store's failure is not reported
            }
        }
        thread.start();
        return -1;
    }

    /**
     * CLONE_CHILD_CLEARTID: Linux's fork sets the child's clear_child_tid as set_tid_address does.
     * That word is the thread family's per-thread state (it clears and wakes it at the thread's
     * exit), so the family's own set_tid_address handler records it, before the thread runs and
     * without the interceptors (the guest made no such call).
     */
    private static void recordClearChildTid(GuestProcessImpl process, GuestThreadImpl thread, long address) {
        Dispatcher dispatcher = process.dispatcher();
        int nr = dispatcher.number("set_tid_address");
        Dispatcher.Entry entry = dispatcher.entry(nr);
        if (entry == null) {
            return; // no thread family: nobody would clear it at exit either
        }
        CallFrame frame = thread.frame();
        frame.set(nr, address, 0, 0, 0, 0, 0);
        try {
            entry.handler().handle(frame);
        } catch (RuntimeException failed) {
            System.getLogger(ForkStart.class.getName()).log(System.Logger.Level.ERROR,
                    "fork: the child's clear_child_tid was not recorded", failed);
        }
    }
}
