package org.osgix.kernel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgix.arch.SyscallTable;
import org.osgix.exec.ProgramLoader;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.RankedServices;

/**
 * The architectures the arch services offer: per {@code osgix.arch}, a dispatcher over its
 * syscall table and the best program loader. Handlers serve syscall names, so every
 * architecture's dispatcher gets every handler; one that arrives later is given the ones already
 * registered.
 */
final class Architectures {
    /** What a launch of one architecture's program uses. */
    record Architecture(String name, Dispatcher dispatcher, ProgramLoader loader) {
    }

    private final Map<String, Dispatcher> dispatchers = new TreeMap<>();
    private final Map<String, RankedServices<ProgramLoader>> loaders = new TreeMap<>();
    private final List<Ranked<Dispatcher.Registration>> handlers = new ArrayList<>();
    private final String hostArch;

    /** {@code osArch}: the JVM's {@code os.arch}, to show the host's own architecture first. */
    Architectures(String osArch) {
        this.hostArch = "amd64".equals(osArch) ? "x86_64" : osArch;
    }

    synchronized void addTable(SyscallTable table) {
        Dispatcher dispatcher = new Dispatcher(table);
        handlers.forEach(dispatcher::add);
        dispatchers.put(table.arch(), dispatcher);
    }

    synchronized void removeTable(SyscallTable table) {
        dispatchers.remove(table.arch());
    }

    synchronized void addLoader(String arch, Ranked<ProgramLoader> loader) {
        loaders.computeIfAbsent(arch, a -> new RankedServices<>()).add(loader);
    }

    synchronized void removeLoader(ProgramLoader loader) {
        loaders.values().forEach(l -> l.remove(loader));
    }

    synchronized void addHandler(Ranked<Dispatcher.Registration> registration) {
        handlers.add(registration);
        dispatchers.values().forEach(d -> d.add(registration));
    }

    synchronized void removeHandler(SyscallHandler handler) {
        handlers.removeIf(r -> r.service().handler() == handler);
        dispatchers.values().forEach(d -> d.remove(handler));
    }

    /** The architecture {@code arch} when a syscall table and a loader offer it, else null. */
    synchronized Architecture get(String arch) {
        Dispatcher dispatcher = dispatchers.get(arch);
        RankedServices<ProgramLoader> l = loaders.get(arch);
        ProgramLoader loader = l == null ? null : l.best();
        return dispatcher == null || loader == null ? null : new Architecture(arch, dispatcher, loader);
    }

    /** The architectures with a syscall table and a loader, for messages. */
    synchronized List<String> names() {
        List<String> out = new ArrayList<>();
        for (String arch : dispatchers.keySet()) {
            if (get(arch) != null) {
                out.add(arch);
            }
        }
        return out;
    }

    /** The architecture the support table shows: the host's own if offered, else the first. */
    synchronized String primary() {
        if (dispatchers.containsKey(hostArch)) {
            return hostArch;
        }
        return dispatchers.isEmpty() ? null : dispatchers.keySet().iterator().next();
    }

    /** The primary architecture's dispatcher, or null. */
    synchronized Dispatcher primaryDispatcher() {
        String arch = primary();
        return arch == null ? null : dispatchers.get(arch);
    }

    /** Calls whose handler threw, over every architecture. */
    synchronized long failures() {
        long sum = 0;
        for (Dispatcher d : dispatchers.values()) {
            sum += d.failures();
        }
        return sum;
    }
}
