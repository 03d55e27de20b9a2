package org.osgix.kernel.internal;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
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
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.SyscallInterceptor;
import org.osgix.syscall.SyscallSupport;

/**
 * The kernel: keeps the syscall whiteboard's dispatch table and runs guest programs on request.
 * A launch request is a {@link IntConsumer} service with property {@code osgix.launch} (only JDK
 * types, so a launcher outside the framework can register it): the kernel runs the program it
 * describes and passes the exit status to it.
 */
@Component(immediate = true, service = SyscallSupport.class)
public final class Kernel implements SyscallSupport {
    private final Dispatcher dispatcher;
    private final Interceptors interceptors = new Interceptors();
    private final Engines engines;
    private final Machinery machinery;
    private volatile SignalDelivery signals;

    @Activate
    public Kernel(BundleContext context,
            @Reference(target = "(osgix.arch=x86_64)") SyscallTable table,
            @Reference(target = "(osgix.arch=x86_64)") ProgramLoader loader,
            @Reference FdTableFactory fdTables,
            @Reference Host host) {
        this.dispatcher = new Dispatcher(table);
        this.engines = new Engines(context.getProperty(CpuEngine.NAME));
        this.machinery = new Machinery(engines, loader, fdTables, host, dispatcher, interceptors,
                () -> signals, new HostSignals(), new ChildRuntimes(host));
    }

    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC,
            target = "(osgix.arch=x86_64)")
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
        return engines.defaultName();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(ServiceReference<SyscallHandler> ref, SyscallHandler handler, Map<String, Object> props) {
        String bundle = ref.getBundle() != null ? ref.getBundle().getSymbolicName() : null;
        for (String name : names(props.get(SyscallHandler.NAME))) {
            dispatcher.add(new Dispatcher.Registration(handler, name, intProp(props.get(Constants.SERVICE_RANKING)),
                    (Long) props.get(Constants.SERVICE_ID), bundle, (String) props.get(SyscallHandler.FAMILY),
                    (String) props.getOrDefault(SyscallHandler.SUPPORT, SyscallHandler.SUPPORT_FULL),
                    (String) props.get(SyscallHandler.NOTE),
                    Boolean.TRUE.equals(props.get(SyscallHandler.NON_BLOCKING))));
        }
    }

    void removeHandler(SyscallHandler handler) {
        dispatcher.remove(handler);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInterceptor(SyscallInterceptor interceptor, Map<String, Object> props) {
        interceptors.add(interceptor, intProp(props.get(Constants.SERVICE_RANKING)), (Long) props.get(Constants.SERVICE_ID));
    }

    void removeInterceptor(SyscallInterceptor interceptor) {
        interceptors.remove(interceptor);
    }

    @Override
    public List<Row> table() {
        return dispatcher.table();
    }

    @Override
    public long handlerFailures() {
        return dispatcher.failures();
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

    private static String[] names(Object value) {
        if (value instanceof String s) {
            return new String[] {s};
        }
        if (value instanceof String[] a) {
            return a;
        }
        return new String[0];
    }

    private static int intProp(Object value) {
        return value instanceof Integer i ? i : 0;
    }
}
