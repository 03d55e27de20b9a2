package org.osgix.testkit.exam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.options.UrlProvisionOption;

class OsgixOptionsTest {
    @AfterEach
    void clear() {
        System.clearProperty("osgix.bundle.kernel");
    }

    @Test
    void aBundleComesFromMavenAtTheBuildVersionUnlessAFileIsGiven() {
        assertTrue(OsgixOptions.osgixBundleLocation("kernel").matches("mvn:org\\.osgix/kernel/\\d+\\.\\d+\\.\\d+.*"),
                OsgixOptions.osgixBundleLocation("kernel"));
        System.setProperty("osgix.bundle.kernel", "/tmp/some/kernel.jar");
        assertEquals(new File("/tmp/some/kernel.jar").toURI().toString(), OsgixOptions.osgixBundleLocation("kernel"));
    }

    @Test
    void theCoreProvisionsEveryCoreBundleTheRuntimeAndTheTestkit() {
        List<String> urls = urls(OsgixOptions.osgix());
        for (String artifact : OsgixOptions.CORE) {
            assertTrue(urls.stream().anyMatch(u -> u.startsWith("mvn:org.osgix/" + artifact + "/")), artifact);
        }
        assertTrue(urls.stream().anyMatch(u -> u.startsWith("mvn:org.osgix/testkit/")));
        assertTrue(urls.stream().anyMatch(u -> u.startsWith("mvn:org.apache.felix/org.apache.felix.scr/")));
        assertTrue(urls.stream().anyMatch(u -> u.startsWith("mvn:net.java.dev.jna/jna/")));
    }

    @Test
    void leavingOutABundleLeavesOutOnlyThatOne() {
        List<String> all = urls(OsgixOptions.osgix());
        List<String> without = urls(OsgixOptions.osgixWithout("sys-info"));
        assertFalse(without.stream().anyMatch(u -> u.contains("/sys-info/")));
        assertEquals(all.size() - 1, without.size());
    }

    private static List<String> urls(Option option) {
        return Arrays.stream(OptionUtils.filter(UrlProvisionOption.class, option)).map(UrlProvisionOption::getURL)
                .toList();
    }
}
