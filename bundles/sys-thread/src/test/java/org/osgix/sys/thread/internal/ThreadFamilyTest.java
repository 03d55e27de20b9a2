package org.osgix.sys.thread.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgix.syscall.SyscallHandler;
import org.osgix.syscall.support.SyscallRegistrations;

class ThreadFamilyTest {
    private final Map<String, Dictionary<String, ?>> registered = new HashMap<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    private BundleContext recordingContext() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                if (!method.getName().equals("registerService")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                @SuppressWarnings("unchecked")
                Dictionary<String, ?> props = (Dictionary<String, ?>) args[2];
                assertTrue(args[1] instanceof SyscallHandler);
                registered.put((String) props.get(SyscallHandler.NAME), props);
                return Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                        if (m.getName().equals("unregister")) {
                            unregistered.incrementAndGet();
                        }
                        return null;
                    });
            });
    }

    @Test
    void registersOneServicePerSyscallWithItsSupportLevel() {
        SyscallRegistrations regs = ThreadFamily.register(
            new SyscallRegistrations(recordingContext(), ThreadFamily.FAMILY), new HostCpus(2));
        for (String name : List.of("clone", "clone3", "futex", "exit", "exit_group", "gettid",
                "set_tid_address", "set_robust_list", "get_robust_list", "sched_yield",
                "sched_getaffinity", "sched_setaffinity", "sched_getscheduler", "sched_getparam")) {
            assertNotNull(registered.get(name), name);
            assertEquals(ThreadFamily.FAMILY, registered.get(name).get(SyscallHandler.FAMILY));
        }
        assertEquals(SyscallHandler.SUPPORT_PARTIAL, registered.get("futex").get(SyscallHandler.SUPPORT));
        assertNotNull(registered.get("clone").get(SyscallHandler.NOTE));
        assertEquals(SyscallHandler.SUPPORT_FULL, registered.get("exit_group").get(SyscallHandler.SUPPORT));
        for (String mustStayEnosys : List.of("rseq", "fork", "vfork", "tkill", "tgkill")) {
            assertFalse(registered.containsKey(mustStayEnosys), mustStayEnosys);
        }
        regs.close();
        assertEquals(registered.size(), unregistered.get());
    }
}
