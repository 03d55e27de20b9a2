package org.osgix.strace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SignatureTableTest {
    @Test
    void theBundledTableParsesAndCoversTheCommonCalls() {
        SignatureTable table = SignatureTable.bundled();
        for (String name : new String[] {"read", "write", "openat", "mmap", "futex", "clone3", "newfstatat",
            "rt_sigaction", "ioctl", "fcntl", "exit_group", "epoll_wait", "poll", "getdents64"}) {
            assertTrue(table.contains(name), name);
        }
    }

    @Test
    void argumentsCarryIndexLabelAndParameter() throws Exception {
        SignatureTable table = SignatureTable.parse(new StringReader(
                "# comment\nclone child_stack=ptr@1 flags=cloneflags@0\nwrite fd wbuf(2) ulong\nexit int -> ?\n"));
        Signature clone = table.of("clone");
        assertEquals(1, clone.args()[0].index());
        assertEquals("child_stack", clone.args()[0].label());
        assertEquals(0, clone.args()[1].index());
        Signature write = table.of("write");
        assertEquals(2, write.args()[2].index());
        assertNull(table.of("exit").result());
    }

    @Test
    void outputKindsAreMarked() throws Exception {
        SignatureTable table = SignatureTable.parse(new StringReader("read fd rbuf ulong\n"));
        Signature.Arg[] args = table.of("read").args();
        assertFalse(args[0].output());
        assertTrue(args[1].output());
        assertFalse(args[2].output());
    }

    @Test
    void unknownKindsAreRejectedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignatureTable.parse(new StringReader("\nread fd bogus\n")));
        assertTrue(e.getMessage().contains(":2:"), e.getMessage());
    }

    @Test
    void namesWithoutASignatureGetSixRawArguments() throws Exception {
        Signature s = SignatureTable.parse(new StringReader("")).of("pkey_alloc");
        assertEquals("pkey_alloc", s.name());
        assertEquals(6, s.args().length);
    }
}
