package org.osgix.samples.seeded.random.internal;

import org.osgix.syscall.GuestProcess;

/** Which seed a process uses, and its generator (one per process, created on first use). */
final class Seeds {
    /** The configuration both components read their {@link Seed} from. */
    static final String PID = "org.osgix.samples.seeded.random";
    /** Above the standard families' ranking 0, so these handlers win. */
    static final int RANKING = 100;
    static final String LAUNCH_OPTION = "random-seed";
    static final long DEFAULT_SEED = 42;

    private final long componentSeed;

    Seeds(Object property) {
        this.componentSeed = property instanceof Number n ? n.longValue()
                : property instanceof String s ? Long.decode(s.trim()) : DEFAULT_SEED;
    }

    /** The process's launch option if it names a number, else the component's seed. */
    long seedOf(GuestProcess process) {
        String option = process.option(LAUNCH_OPTION);
        if (option != null) {
            try {
                return Long.decode(option.trim());
            } catch (NumberFormatException notANumber) {
                // a bad option falls back to the component's seed rather than failing the guest
            }
        }
        return componentSeed;
    }

    /**
     * The process's generator. Keyed by this bundle's class, so a reinstalled bundle starts the
     * stream over, and the process drops it when it exits.
     */
    SplitMix64 generatorOf(GuestProcess process) {
        return process.state(SplitMix64.class, () -> new SplitMix64(seedOf(process)));
    }
}
