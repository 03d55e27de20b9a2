package org.osgix.kernel.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launcher asks for: the command line, the environment, and launch options
 * ({@code osgix.option.NAME} properties become {@code GuestProcess.option(NAME)}).
 */
record LaunchRequest(List<String> argv, List<String> env, Map<String, String> options) {
    static final String ARGV = "osgix.argv", ENV = "osgix.env", OPTION_PREFIX = "osgix.option.";

    static LaunchRequest from(Map<String, Object> props) {
        Map<String, String> options = new HashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(OPTION_PREFIX) && v instanceof String s) {
                options.put(k.substring(OPTION_PREFIX.length()), s);
            }
        });
        return new LaunchRequest(List.of((String[]) props.get(ARGV)), List.of((String[]) props.get(ENV)), options);
    }
}
