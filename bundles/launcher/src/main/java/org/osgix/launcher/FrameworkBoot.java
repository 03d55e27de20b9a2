package org.osgix.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
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

/**
 * An OSGi framework with a composition's bundles installed and started, speaking bnd's launcher
 * protocol to the application inside.
 */
final class FrameworkBoot implements AutoCloseable {
    /** bnd's launcher protocol: the command line, and the application that runs on the main thread. */
    static final String LAUNCHER_ARGUMENTS = "launcher.arguments", MAIN_THREAD = "main.thread";
    private static final String MAIN_FILTER =
            "(&(objectClass=" + Callable.class.getName() + ")(" + MAIN_THREAD + "=true))";
    /** How long the application may take to appear before we say which bundles are missing. */
    private static final long MAIN_WAIT_SECONDS = 20;

    private final Framework framework;
    private final Path storage;

    private FrameworkBoot(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    static FrameworkBoot start(Composition composition) throws IOException, BundleException {
        Map<String, String> config = new HashMap<>(composition.runProperties());
        config.forEach(System::setProperty);
        Path storage = Files.createTempDirectory("osgix-felix");
        // also when the JVM ends another way (^C, a signal): the cache is throw-away
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(storage), "osgix-cache-cleanup"));
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, FrameworkBoot.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IOException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(config);
        framework.init();
        FrameworkBoot boot = new FrameworkBoot(framework, storage);
        try {
            for (Bundle b : composition.install(framework.getBundleContext())) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start(Bundle.START_ACTIVATION_POLICY);
                }
            }
            framework.start();
        } catch (IOException | BundleException | RuntimeException e) {
            boot.close();
            throw e;
        }
        return boot;
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
            Object status = app.call();
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
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
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
        deleteTree(storage);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temp folder left behind is not worth failing the guest's exit status for
        }
    }
}
