package org.osgix.launcher.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/** Says why a service the command line needs did not appear. */
final class Diagnostics {
    private Diagnostics() {
    }

    static String whatIsMissing(BundleContext context) {
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null
                    && !OnDemandBundles.ALL.contains(b.getSymbolicName())) {
                names.add(b.getSymbolicName());
            }
        }
        return names.isEmpty()
                ? "every bundle is active but a component is unsatisfied (is the kernel, engine, loader,"
                        + " arch, fd-table or host bundle missing from the composition?)"
                : "bundles not active: " + String.join(", ", names);
    }
}
