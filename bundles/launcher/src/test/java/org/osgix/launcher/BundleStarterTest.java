package org.osgix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** Bundles start once each, the DS extender first, on several threads, and one failure stops no other. */
class BundleStarterTest {
    private final List<String> started = Collections.synchronizedList(new ArrayList<>());

    /** A bundle whose start records its name and flags, then runs {@code onStart}. */
    private Bundle bundle(String name, Runnable onStart) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> name;
                    case "start" -> {
                        onStart.run();
                        started.add(name + "/" + args[0]);
                        yield null;
                    }
                    case "toString" -> name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theExtenderStartsFirstAndEveryBundleOnceTransiently() {
        List<Bundle> bundles = new ArrayList<>();
        for (String n : List.of("a", "b", BundleStarter.EXTENDER, "c", "d")) {
            bundles.add(bundle(n, () -> { }));
        }
        BundleStarter.start(bundles, 2);
        int flags = Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY;
        assertEquals(BundleStarter.EXTENDER + "/" + flags, started.get(0));
        assertEquals(List.of("a/" + flags, "b/" + flags, "c/" + flags, "d/" + flags),
                started.subList(1, 5).stream().sorted().toList());
    }

    @Test
    void twoThreadsStartBundlesAtTheSameTime() {
        CountDownLatch secondStarted = new CountDownLatch(1);
        boolean[] overlapped = {false};
        Bundle first = bundle("first", () -> {
            try {
                overlapped[0] = secondStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Bundle second = bundle("second", secondStarted::countDown);
        BundleStarter.start(List.of(first, second), 2);
        assertTrue(overlapped[0], "the second bundle started while the first was still starting");
    }

    @Test
    void aBundleThatFailsToStartDoesNotStopTheOthers() {
        Bundle broken = bundle("broken", () -> {
            throw new IllegalStateException(new BundleException("unresolved"));
        });
        BundleStarter.start(List.of(broken, bundle("fine", () -> { })), 1);
        assertEquals(List.of("fine/" + (Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY)), started);
    }
}
