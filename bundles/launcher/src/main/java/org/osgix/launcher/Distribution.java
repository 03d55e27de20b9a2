package org.osgix.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the distribution lives: the folder of osgix.jar, with lib/ and bundle/ beside it. */
final class Distribution {
    private Distribution() {
    }

    static Path home() {
        String override = System.getProperty("osgix.home");
        if (override != null) {
            return Path.of(override);
        }
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the osgix distribution", e);
        }
    }
}
