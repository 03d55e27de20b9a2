package org.osgix.io.ioctl.internal;

import org.osgix.syscall.GuestProcess;

/**
 * The compatibility setting "opath-cloexec-ioctl": FIOCLEX/FIONCLEX honoured on O_PATH
 * descriptors, as some emulators (and programs written against them) assume. Linux refuses every
 * ioctl on an O_PATH descriptor with EBADF (fcntl(F_SETFD) works on them), and that is the
 * default. The setting is on for every process when the component property
 * {@value #COMPONENT_PROPERTY} (or the framework property {@value #FRAMEWORK_PROPERTY}) is true,
 * and for one process launched with {@code --compat=opath-cloexec-ioctl}.
 */
final class OpathCloexecCompat {
    static final String NAME = "opath-cloexec-ioctl";
    static final String COMPONENT_PROPERTY = "compat." + NAME;
    static final String FRAMEWORK_PROPERTY = "osgix.compat." + NAME;
    /** The launch option listing compatibility settings, comma-separated. */
    static final String PROCESS_OPTION = "compat";

    private final boolean everyProcess;

    OpathCloexecCompat(boolean everyProcess) {
        this.everyProcess = everyProcess;
    }

    /** The setting from the component property, overridden by the framework property when set. */
    static OpathCloexecCompat from(Object componentProperty, String frameworkProperty) {
        String value = frameworkProperty != null ? frameworkProperty : String.valueOf(componentProperty);
        return new OpathCloexecCompat(Boolean.parseBoolean(value.trim()));
    }

    boolean everyProcess() {
        return everyProcess;
    }

    /** Whether {@code process} honours FIOCLEX/FIONCLEX on O_PATH descriptors. */
    boolean enabledFor(GuestProcess process) {
        return everyProcess || process.state(ProcessSetting.class, () -> ProcessSetting.of(process)).enabled();
    }

    /** The process's own choice, parsed once from its launch option. */
    record ProcessSetting(boolean enabled) {
        static ProcessSetting of(GuestProcess process) {
            String list = process.option(PROCESS_OPTION);
            if (list != null) {
                for (String setting : list.split(",")) {
                    if (setting.trim().equals(NAME)) {
                        return new ProcessSetting(true);
                    }
                }
            }
            return new ProcessSetting(false);
        }
    }
}
