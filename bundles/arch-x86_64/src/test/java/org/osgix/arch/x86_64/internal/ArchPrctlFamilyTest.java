package org.osgix.arch.x86_64.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgix.syscall.SyscallHandler;

class ArchPrctlFamilyTest {
    @Test
    void activationRegistersArchPrctlAndDeactivationUnregistersIt() {
        List<Dictionary<String, ?>> registered = new ArrayList<>();
        List<Object> handlers = new ArrayList<>();
        int[] unregistered = {0};
        ServiceRegistration<?> registration = Fakes.proxy(ServiceRegistration.class,
            (name, args) -> {
                if (name.equals("unregister")) {
                    unregistered[0]++;
                    return null;
                }
                throw new UnsupportedOperationException(name);
            });
        BundleContext context = Fakes.proxy(BundleContext.class, (name, args) -> {
            if (name.equals("registerService") && args[0] == SyscallHandler.class) {
                handlers.add(args[1]);
                @SuppressWarnings("unchecked")
                Dictionary<String, ?> props = (Dictionary<String, ?>) args[2];
                registered.add(props);
                return registration;
            }
            throw new UnsupportedOperationException(name);
        });

        ArchPrctlFamily family = new ArchPrctlFamily(context);

        assertEquals(1, registered.size());
        assertEquals("arch_prctl", registered.get(0).get(SyscallHandler.NAME));
        assertEquals("arch-x86_64", registered.get(0).get(SyscallHandler.FAMILY));
        assertTrue(handlers.get(0) instanceof ArchPrctl);
        assertEquals(0, unregistered[0]);

        family.deactivate();
        assertEquals(1, unregistered[0]);
    }
}
