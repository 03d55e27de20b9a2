package org.osgix.kernel.internal;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgix.arch.SyscallTable;
import org.osgix.engine.CpuEngine;
import org.osgix.exec.ProgramLoader;
import org.osgix.signal.SignalDelivery;
import org.osgix.fd.FdTableFactory;
import org.osgix.host.Host;
import org.osgix.syscall.Syscall;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.SyscallInterceptor;
import org.osgix.syscall.SyscallSupport;
import org.osgix.syscall.support.Ranked;
import org.osgix.syscall.support.ServiceProperties;

/**
 * The kernel: keeps the syscall whiteboard's dispatch table and runs guest programs on request.
 * A launch request is a {@link IntConsumer} service with property {@code osgix.launch} (only JDK
 * types, so a launcher outside the framework can register it): the kernel runs the program it
 * describes and passes the exit status to it.
 */
@Component(immediate = true, service = SyscallSupport.class)
public final class Kernel implements SyscallSupport {
    private final Architectures architectures = new Architectures(System.getProperty("os.arch"));
    private final Interceptors interceptors = new Interceptors();
    private final Engines engines;
    private final Machinery machinery;
    private volatile SignalDelivery signals;

    @Activate
    public Kernel(BundleContext context,
            @Reference FdTableFactory fdTables,
            @Reference Host host) {
        this.engines = new Engines(context.getProperty(CpuEngine.NAME));
        ChildRuntimes runtimes = new ChildRuntimes(host);
        this.machinery = new Machinery(engines, architectures, fdTables, host, interceptors,
                () -> signals, new HostSignals(), runtimes, new SpareRuntimes(runtimes, host));
    }

    /** An architecture's syscall numbers: a program of that architecture can run once it has a loader too. */
    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    void addTable(SyscallTable table) {
        architectures.addTable(table);
    }

    void removeTable(SyscallTable table) {
        architectures.removeTable(table);
    }

    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    void addLoader(ProgramLoader loader, Map<String, Object> props) {
        if (props.get(ProgramLoader.ARCH) instanceof String arch) {
            architectures.addLoader(arch, Ranked.of(loader, props));
        }
    }

    void removeLoader(ProgramLoader loader) {
        architectures.removeLoader(loader);
    }

    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    void addEngine(CpuEngine engine) {
        engines.add(engine);
    }

    void removeEngine(CpuEngine engine) {
        engines.remove(engine);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setSignals(SignalDelivery delivery) {
        signals = delivery;
    }

    void unsetSignals(SignalDelivery delivery) {
        if (signals == delivery) {
            signals = null;
        }
    }

    @Override
    public String engine() {
        return engines.defaultName(architectures.primary());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ServiceReference<SyscallHandler> ref, SyscallHandler handler, Map<String, Object> props) {
        String bundle = ref.getBundle() != null ? ref.getBundle().getSymbolicName() : null;
        Syscall syscall = ServiceProperties.view(Syscall.class, props);
        String[] names;
        try {
            names = syscall.name();
        } catch (IllegalArgumentException noName) {
            return; // a handler without a syscall name serves nothing
        }
        Ranked<SyscallHandler> ranked = Ranked.of(handler, props);
        String family = blankToNull(syscall.family());
        String note = blankToNull(syscall.note());
        for (String name : names) {
            architectures.addHandler(ranked.with(new Dispatcher.Registration(handler, name, bundle, family, syscall.support(),
                    note, syscall.nonblocking())));
        }
    }

    void removeHandler(SyscallHandler handler) {
        architectures.removeHandler(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInterceptor(SyscallInterceptor interceptor, Map<String, Object> props) {
        interceptors.add(interceptor, props);
    }

    void removeInterceptor(SyscallInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    @Override
    public List<Row> table() {
        Dispatcher primary = architectures.primaryDispatcher();
        return primary == null ? List.of() : primary.table();
    }

    @Override
    public long handlerFailures() {
        return architectures.failures();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(osgix.launch=*)")
    void addLaunch(IntConsumer done, Map<String, Object> props) {
        LaunchRequest request = LaunchRequest.from(props);
        // a child runtime (started by another runtime) receives its process instead of a program
        boolean child = request.options().containsKey(ChildRuntimes.CHILD_OPTION);
        Thread runner = new Thread(() -> done.accept(child ? new ChildLaunch(machinery, request).run()
                : new GuestLaunch(machinery, request).run()), "osgix-launch");
        runner.start();
    }

    void removeLaunch(IntConsumer done) {
        // a launcher that goes away stops waiting; the guest keeps its own lifecycle
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
