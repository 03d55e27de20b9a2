package org.osgix.testkit.exam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions the testkit was built with (a resource filled in by the build). */
final class Versions {
    private static final Properties VERSIONS = load();

    private Versions() {
    }

    static String get(String key) {
        String version = VERSIONS.getProperty(key);
        if (version == null) {
            throw new IllegalArgumentException("no version for " + key + " in osgix-versions.properties");
        }
        return version;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("osgix-versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("osgix-versions.properties is missing from the testkit");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
