package org.osgix.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * An OSGi framework with a composition's bundles installed and started, speaking bnd's launcher
 * protocol to the application inside.
 */
final class FrameworkBoot implements AutoCloseable {
    /** bnd's launcher protocol: the command line, and the application that runs on the main thread. */
    static final String LAUNCHER_ARGUMENTS = "launcher.arguments", MAIN_THREAD = "main.thread";
    private static final String MAIN_FILTER =
            "(&(objectClass=" + Callable.class.getName() + ")(" + MAIN_THREAD + "=true))";
    /**
     * Tools the command line starts only when asked ({@code --strace}, {@code --shell}): installed
     * with the composition, not started with it, so a plain run does not pay for their activation.
     */
    static final Set<String> ON_DEMAND = Set.of("org.osgix.strace", "org.apache.felix.gogo.runtime",
            "org.apache.felix.gogo.command");
    private static final String FELIX_FACTORY = "org.apache.felix.framework.FrameworkFactory";
    /** How long the application may take to appear before we say which bundles are missing. */
    private static final long MAIN_WAIT_SECONDS = 20;

    private final Framework framework;
    private final Path storage;

    private FrameworkBoot(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    static FrameworkBoot start(Composition composition) throws IOException, BundleException {
        StartupTrace trace = StartupTrace.get();
        Map<String, String> config = new HashMap<>(composition.runProperties());
        config.forEach(System::setProperty);
        startupDefaults(config);
        Path storage = CacheFolder.create();
        // when the JVM ends, however it ends (exit, ^C, a signal): the cache is throw-away
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> CacheFolder.delete(storage.toFile()), "osgix-cache-cleanup"));
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = frameworkFactory().newFramework(config);
        framework.init();
        trace.mark("framework init");
        FrameworkBoot boot = new FrameworkBoot(framework, storage);
        try {
            trace.watch(framework.getBundleContext());
            List<Bundle> bundles = composition.install(framework.getBundleContext());
            trace.mark("bundles installed");
            // one resolver run for the whole composition, not one per bundle start
            framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
            trace.mark("bundles resolved");
            List<Bundle> toStart = new ArrayList<>();
            for (Bundle b : bundles) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && !ON_DEMAND.contains(b.getSymbolicName())) {
                    toStart.add(b);
                }
            }
            framework.start();
            trace.mark("framework started");
            BundleStarter.start(toStart, Runtime.getRuntime().availableProcessors());
            trace.mark("bundles started");
        } catch (IOException | BundleException | RuntimeException e) {
            boot.close();
            throw e;
        }
        return boot;
    }

    /**
     * Settings that shorten the start; a composition's run properties may override them.
     * Felix's URL handlers (a JVM-wide URL stream handler factory) are not needed: bundles are
     * installed from {@code reference:}/stream locations and bundle URLs work without them. The
     * JDK's SAX parser is named so that SCR, which asks JAXP for a factory for every component
     * description, does not have it search the class path each time.
     */
    private static void startupDefaults(Map<String, String> config) {
        config.putIfAbsent("felix.service.urlhandlers", "false");
        if (!config.containsKey(Constants.FRAMEWORK_SYSTEMPACKAGES)) {
            String packages = SystemPackages.list();
            if (packages != null) {
                config.put(Constants.FRAMEWORK_SYSTEMPACKAGES, packages);
            }
        }
        String sax = "javax.xml.parsers.SAXParserFactory";
        if (System.getProperty(sax) == null) {
            System.setProperty(sax, "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl");
        }
    }

    /** Felix's factory, without a ServiceLoader scan of the class path when it is there. */
    private static FrameworkFactory frameworkFactory() throws IOException {
        try {
            return (FrameworkFactory) Class.forName(FELIX_FACTORY).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException notFelix) {
            return ServiceLoader.load(FrameworkFactory.class, FrameworkBoot.class.getClassLoader()).findFirst()
                    .orElseThrow(() -> new IOException("no OSGi framework on the class path"));
        }
    }

    /** Publishes the command line, waits for the application and runs it on this thread. */
    int runMain(String[] args) throws Exception {
        BundleContext ctx = framework.getBundleContext();
        CompletableFuture<ServiceReference<?>> main = new CompletableFuture<>();
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                main.complete(event.getServiceReference());
            }
        };
        ctx.addServiceListener(listener, MAIN_FILTER);
        try {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put(LAUNCHER_ARGUMENTS, args);
            ctx.registerService(Object.class, new Object(), props);
            ServiceReference<?>[] existing = ctx.getServiceReferences(Callable.class.getName(), MAIN_FILTER);
            if (existing != null && existing.length > 0) {
                main.complete(existing[0]);
            }
            Callable<?> app = (Callable<?>) ctx.getService(main.get(MAIN_WAIT_SECONDS, TimeUnit.SECONDS));
            StartupTrace.get().mark("command line application found");
            Object status = app.call();
            StartupTrace.get().mark("guest exited");
            return status instanceof Integer i ? i : 0;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the command line application did not start; bundles not active: "
                    + inactiveBundles(), e);
        } catch (InvalidSyntaxException | InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            ctx.removeServiceListener(listener);
        }
    }

    private String inactiveBundles() {
        List<String> names = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null
                    && !ON_DEMAND.contains(b.getSymbolicName())) {
                names.add(b.getSymbolicName());
            }
        }
        return names.isEmpty() ? "(all active: a component is unsatisfied)" : String.join(", ", names);
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(5000);
        } catch (BundleException | InterruptedException e) {
            // exiting anyway
        }
        StartupTrace.get().mark("framework stopped");
        CacheFolder.delete(storage.toFile());
        StartupTrace.get().mark("cache deleted");
    }
}
