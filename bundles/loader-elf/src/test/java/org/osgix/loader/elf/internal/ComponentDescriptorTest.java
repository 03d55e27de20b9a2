package org.osgix.loader.elf.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The DS descriptor bnd generates: a ProgramLoader for x86_64 that needs a Host. */
class ComponentDescriptorTest {
    @Test
    void loaderIsRegisteredForX8664WithAHostReference() throws Exception {
        Path xml = Paths.get("target/classes/OSGI-INF/" + ElfProgramLoader.class.getName() + ".xml");
        String descriptor = Files.readString(xml);
        assertTrue(descriptor.contains("<provide interface=\"org.osgix.exec.ProgramLoader\"/>"), descriptor);
        assertTrue(descriptor.contains("name=\"osgix.arch\"") && descriptor.contains("value=\"x86_64\""),
            descriptor);
        assertTrue(descriptor.contains("interface=\"org.osgix.host.Host\""), descriptor);
    }
}
