package org.osgix.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./osgix}: starts an embedded Felix with the osgix bundles and runs one guest program.
 * Exit status: the guest's; 2 for a bad command line; 125 when the framework cannot run it.
 */
public final class Main {
    static final int USAGE_ERROR = 2, FRAMEWORK_ERROR = 125;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("osgix: " + e.getMessage());
            System.err.println(Options.USAGE);
            return USAGE_ERROR;
        }
        if (options.help) {
            System.out.println(Options.USAGE);
            return 0;
        }
        List<String> env = options.environment(launcherEnvironment());
        Path home = Distribution.home();
        try (EmbeddedFramework framework = EmbeddedFramework.start(home.resolve("bundle"))) {
            return framework.launch(options.argv, env, options.strace, options.launchOptions);
        } catch (Exception e) {
            System.err.println("osgix: " + e.getMessage());
            return FRAMEWORK_ERROR;
        }
    }

    /**
     * The environment this JVM was started with, in its original order (System.getenv() loses
     * the order), without the {@code _} variable the shell set for the java command itself.
     */
    static List<String> launcherEnvironment() {
        List<String> env = new ArrayList<>();
        try {
            String all = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.UTF_8);
            for (String e : all.split("\0")) {
                if (!e.isEmpty() && !(e.startsWith("_=") && e.endsWith("/java"))) {
                    env.add(e);
                }
            }
        } catch (IOException noProc) {
            for (Map.Entry<String, String> e : System.getenv().entrySet()) {
                env.add(e.getKey() + "=" + e.getValue());
            }
        }
        return env;
    }
}
