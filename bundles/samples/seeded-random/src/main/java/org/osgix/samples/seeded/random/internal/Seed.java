package org.osgix.samples.seeded.random.internal;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The component property {@code seed} (a single-element property type: the name comes from the
 * annotation's), read in activate; configurable through Configuration Admin under
 * {@value Seeds#PID}.
 */
@ComponentPropertyType
@interface Seed {
    long value() default Seeds.DEFAULT_SEED;
}
