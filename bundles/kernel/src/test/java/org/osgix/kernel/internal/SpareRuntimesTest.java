package org.osgix.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpareRuntimesTest {
    @TempDir
    Path proc;

    @Test
    void aJoinRecordIsToldApartFromTheImagesThatFollowIt() {
        assertEquals(4242, SpareRuntimes.joinGroup(ByteBuffer.allocate(8).putInt(SpareRuntimes.JOIN_KIND).putInt(4242).array()));
        // a fork image starts with its own kind, an exec image with kind 1-3: neither is a join
        assertEquals(-1, SpareRuntimes.joinGroup(ByteBuffer.allocate(8).putInt(ForkImage.KIND).putInt(4242).array()));
        assertEquals(-1, SpareRuntimes.joinGroup(ProcessImage.exit(5).toBytes()));
    }

    @Test
    void anotherRuntimesSpareLeadsItsGroupAndHasNoSignalSocket() throws IOException {
        Files.write(proc.resolve("cmdline"), "java\0-jar\0osgix.jar\0--child=3,4\0".getBytes(StandardCharsets.UTF_8));
        assertTrue(SpareRuntimes.isForeignSpare(proc, 700, 700, "0: 00000002 @osgix-signal-70\n"));
        // a runtime that runs its guest listens; one in its parent's group was never a spare
        assertFalse(SpareRuntimes.isForeignSpare(proc, 700, 700, "0: 00000002 @osgix-signal-700\n"));
        assertFalse(SpareRuntimes.isForeignSpare(proc, 700, 650, ""));
    }

    @Test
    void aGroupLeaderThatIsNoRuntimeIsNoSpare() throws IOException {
        Files.write(proc.resolve("cmdline"), "/bin/sh\0-c\0sleep 1\0".getBytes(StandardCharsets.UTF_8));
        assertFalse(SpareRuntimes.isForeignSpare(proc, 700, 700, ""));
    }
}
