package org.osgix.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

/** A Felix framework with every bundle of a folder installed and started. */
final class EmbeddedFramework implements AutoCloseable {
    /** How long the kernel may take to pick up a launch request before we report it missing. */
    private static final long KERNEL_WAIT_SECONDS = 20;

    private final Framework framework;
    private final Path storage;

    private EmbeddedFramework(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    static EmbeddedFramework start(Path bundleDir) throws IOException, BundleException {
        System.setProperty("jna.nosys", "false");
        Path storage = Files.createTempDirectory("osgix-felix");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        EmbeddedFramework ef = new EmbeddedFramework(framework, storage);
        try {
            ef.installAll(bundleDir);
            framework.start();
        } catch (IOException | BundleException | RuntimeException e) {
            ef.close();
            throw e;
        }
        return ef;
    }

    private void installAll(Path bundleDir) throws IOException, BundleException {
        if (!Files.isDirectory(bundleDir)) {
            throw new IOException("no bundle folder at " + bundleDir);
        }
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundleDir, "*.jar")) {
            for (Path jar : jars) {
                installed.add(ctx.installBundle(jar.toUri().toString()));
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    /** Asks the kernel to run a program and waits for its exit status. */
    int launch(List<String> argv, List<String> env, boolean strace, Map<String, String> options)
            throws TimeoutException {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<Void> pickedUp = new CompletableFuture<>();
        IntConsumer done = status::complete;
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgix.launch", "cli");
        props.put("osgix.argv", argv.toArray(new String[0]));
        props.put("osgix.env", env.toArray(new String[0]));
        props.put("osgix.strace", strace);
        if (strace) {
            props.put("osgix.option.strace", "true"); // what a strace interceptor attaches on
        }
        options.forEach((k, v) -> props.put("osgix.option." + k, v));
        ServiceRegistration<IntConsumer> reg = framework.getBundleContext()
                .registerService(IntConsumer.class, done, props);
        try {
            waitForKernel(reg);
            return status.join();
        } finally {
            reg.unregister();
        }
    }

    private void waitForKernel(ServiceRegistration<IntConsumer> reg) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KERNEL_WAIT_SECONDS);
        while (reg.getReference().getUsingBundles() == null) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the kernel did not start; bundles not active: " + inactiveBundles());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String inactiveBundles() {
        List<String> names = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
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
        try (Stream<Path> files = Files.walk(storage)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is not worth failing the guest's exit status for
        }
    }
}
