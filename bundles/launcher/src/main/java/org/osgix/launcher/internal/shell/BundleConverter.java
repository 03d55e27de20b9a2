package org.osgix.launcher.internal.shell;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Lets shell commands take bundles by id or symbolic name ({@code stop 19},
 * {@code stop org.osgix.sys.info}): Gogo's commands want Bundle arguments, and the converter that
 * usually provides them comes with a console bundle osgix does not use.
 */
final class BundleConverter implements Converter {
    private final BundleContext context;

    BundleConverter(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (desiredType != Bundle.class || !(in instanceof CharSequence)) {
            return null;
        }
        String name = in.toString();
        if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
            return context.getBundle(Long.parseLong(name));
        }
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return null; // Gogo's own formatting
    }
}
