package org.osgix.kernel.internal;

import java.util.List;
import java.util.Map;

/** What a launcher asks for: the command line, the environment, options. */
record LaunchRequest(List<String> argv, List<String> env, boolean strace) {
    static final String ARGV = "osgix.argv", ENV = "osgix.env", STRACE = "osgix.strace";

    static LaunchRequest from(Map<String, Object> props) {
        return new LaunchRequest(List.of((String[]) props.get(ARGV)), List.of((String[]) props.get(ENV)),
                Boolean.TRUE.equals(props.get(STRACE)));
    }
}
