package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.osgix.engine.CpuRegister;
import org.osgix.fd.FdSnapshot;
import org.osgix.host.Host;
import org.osgix.signal.SignalDelivery;
import org.osgix.syscall.AddressSpace;
import org.osgix.syscall.Errno;

/**
 * fork on the parent's side: starts the child's runtime, copies every private mapping's bytes
 * into one memfd (one host write per mapping, under the machine lock so no mapping changes
 * meanwhile), and sends the runtime the mappings, the fds, the host objects behind shared
 * mappings (so the child maps the same pages), the forking thread's registers and signal state
 * ({@link ForkImage}); the child starts there ({@link ForkStart}). Engine-agnostic: guest memory
 * is at its guest addresses in both engines.
 */
final class ForkChild {
    private static final int MFD_CLOEXEC = 1;
    private static final long PAGE = 4096;

    private ForkChild() {
    }

    static long run(GuestProcessImpl parent, GuestThreadImpl thread, long stack, long setChildTid, long clearChildTid,
            IntConsumer started) {
        Host host = parent.host();
        ChildRuntimes.Spawned runtime = parent.spares().take();
        if (runtime.pid() < 0) {
            return runtime.pid();
        }
        int memfd = host.memfdCreate("osgix-fork\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), MFD_CLOEXEC);
        if (memfd < 0) {
            host.close(runtime.socket());
            return -Errno.ENOMEM;
        }
        List<FdSnapshot> passed = new ArrayList<>();
        List<Integer> backingFds = new ArrayList<>();
        try {
            AddressSpaceImpl memory = parent.addressSpace();
            List<ForkImage.Region> regions = new ArrayList<>();
            long brkStart, brkCurrent;
            List<Long> engineAddresses = new ArrayList<>();
            List<byte[]> engineBytes = new ArrayList<>();
            parent.machine().lock();
            try {
                long offset = 0;
                Map<SharedBacking, Integer> backings = new IdentityHashMap<>();
                for (AddressSpace.Mapping m : memory.mappings()) {
                    Vma v = (Vma) m;
                    if (v.backing() != null) {
                        Integer index = backings.get(v.backing());
                        if (index == null) {
                            // a dup: a concurrent munmap may close the mapping's own fd before the send
                            int dup = host.fcntl(v.backing().hostFd, Host.F_DUPFD_CLOEXEC, 3);
                            if (dup < 0) {
                                return -Errno.ENOMEM;
                            }
                            index = backingFds.size();
                            backingFds.add(dup);
                            backings.put(v.backing(), index);
                        }
                        regions.add(new ForkImage.Region(v.start(), v.end(), v.prot(), -1, v.name(), index, v.offset(),
                                v.fileShared()));
                        continue;
                    }
                    long data = -1;
                    if (v.prot() != 0) {
                        if (copy(host, memfd, v.start(), v.length(), offset) < 0) {
                            return -Errno.ENOMEM;
                        }
                        data = offset;
                        offset += (v.length() + PAGE - 1) & ~(PAGE - 1);
                    }
                    regions.add(new ForkImage.Region(v.start(), v.end(), v.prot(), data, v.name(), -1, 0, false));
                }
                long[] engine = parent.machine().forkRegions();
                for (int i = 0; i + 1 < engine.length; i += 2) {
                    byte[] bytes = new byte[(int) engine[i + 1]];
                    host.memory().get(engine[i], bytes, 0, bytes.length);
                    engineAddresses.add(engine[i]);
                    engineBytes.add(bytes);
                }
                brkStart = memory.brkStart();
                brkCurrent = memory.brkCurrent();
            } finally {
                parent.machine().unlock();
            }
            for (FdSnapshot s : parent.fds().snapshots()) {
                if (s.file().tryPin()) {
                    passed.add(s);
                }
            }
            int[] guestFds = new int[passed.size()];
            boolean[] cloexec = new boolean[passed.size()];
            int[] hostFds = new int[passed.size() + backingFds.size() + 1];
            for (int i = 0; i < guestFds.length; i++) {
                guestFds[i] = passed.get(i).fd();
                cloexec[i] = passed.get(i).cloexec();
                hostFds[i] = passed.get(i).file().hostFd();
            }
            for (int i = 0; i < backingFds.size(); i++) {
                hostFds[guestFds.length + i] = backingFds.get(i);
            }
            hostFds[hostFds.length - 1] = memfd;
            CpuRegister[] names = CpuRegister.values();
            long[] registers = new long[names.length];
            for (int i = 0; i < names.length; i++) {
                registers[i] = thread.register(names[i]);
            }
            if (stack != 0) {
                registers[CpuRegister.SP.ordinal()] = stack;
            }
            byte[] vector = new byte[thread.vectorStateSize()];
            thread.readVectorState(vector);
            SignalDelivery delivery = parent.signalDelivery();
            long[] signals = delivery != null ? delivery.forkState(thread) : new long[0];
            ForkImage image = new ForkImage(regions, brkStart, brkCurrent, registers, vector, signals, guestFds, cloexec,
                    setChildTid, clearChildTid, parent.executable(), parent.arguments(), parent.auxv(),
                    parent.limits().toArray(), engineAddresses.stream().mapToLong(Long::longValue).toArray(), engineBytes,
                    ExecHandoff.cwd(host), ExecHandoff.umask(host), InheritedCredentials.toArray(parent.credentials()));
            started.accept(runtime.pid());
            parent.children().watch(runtime.pid());
            int r = ChildChannel.send(host, runtime.socket(), image.toBytes(), hostFds);
            return r < 0 ? r : runtime.pid();
        } finally {
            passed.forEach(s -> s.file().unpin());
            backingFds.forEach(host::close);
            host.close(memfd);
            host.close(runtime.socket());
        }
    }

    private static long copy(Host host, int memfd, long addr, long len, long offset) {
        for (long done = 0; done < len; ) {
            long n = host.pwrite(memfd, addr + done, len - done, offset + done);
            if (n <= 0) {
                return n < 0 ? n : -Errno.EIO;
            }
            done += n;
        }
        return 0;
    }
}
