package org.osgix.samples.seeded.random.internal;

import java.util.EnumSet;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.IoctlRegistrations;
import org.osgix.syscall.support.SyscallRegistrations;

/**
 * A third-party syscall bundle in one component: it overrides getrandom with a seeded,
 * deterministic generator and adds an ioctl that reports the seed. Installing the bundle changes
 * what running guests get from their next getrandom; uninstalling it gives them the host's
 * randomness back.
 *
 * <p>The seed of a process is its launch option {@value Seeds#LAUNCH_OPTION} when given, else
 * this component's property {@value Seeds#PROPERTY} (configurable through Configuration Admin
 * like any DS property).
 */
@Component(property = Seeds.PROPERTY + ":Long=" + Seeds.DEFAULT_SEED)
public final class SeededRandomComponent {
    /** Above the standard families' ranking 0, so these handlers win. */
    static final int RANKING = 100;

    private final SyscallRegistrations syscalls;
    private final IoctlRegistrations ioctls;

    @Activate
    public SeededRandomComponent(BundleContext context, Map<String, Object> properties) {
        Seeds seeds = new Seeds(properties.get(Seeds.PROPERTY));
        syscalls = new SyscallRegistrations(context, "seeded-random", RANKING)
                .partial("getrandom", "deterministic SplitMix64 bytes from a seed; at most 64 KiB a call",
                        new SeededGetrandom(seeds)::getrandom);
        ioctls = new IoctlRegistrations(context, RANKING)
                .add("RNDGETSEED", new SeedIoctl(seeds), EnumSet.of(FileKind.CHARACTER_DEVICE), SeedIoctl.RNDGETSEED);
    }

    @Deactivate
    void deactivate() {
        ioctls.close();
        syscalls.close();
    }
}
