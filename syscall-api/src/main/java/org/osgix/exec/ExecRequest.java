package org.osgix.exec;

import java.util.List;

/**
 * What to load: {@code path} as the guest names it (AT_EXECFN, /proc/self/exe), {@code hostPath}
 * where the host finds it, the argument and environment strings.
 */
public record ExecRequest(String path, String hostPath, List<String> argv, List<String> envp) {
    public ExecRequest {
        argv = List.copyOf(argv);
        envp = List.copyOf(envp);
    }
}
