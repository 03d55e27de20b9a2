package org.osgix.syscall.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgix.fd.FileKind;
import org.osgix.ioctl.Ioctl;
import org.osgix.ioctl.IoctlHandler;
import org.osgix.poll.PollBackend;
import org.osgix.poll.PollName;
import org.osgix.syscall.Syscall;
import org.osgix.syscall.SyscallHandler;

/** The property types' names are the API's property names; values convert as DS converts them. */
class ServicePropertiesTest {
    @Test
    void propertyTypesNameTheApiProperties() {
        assertEquals(SyscallHandler.NAME, ServiceProperties.name(Syscall.class, "name"));
        assertEquals(SyscallHandler.FAMILY, ServiceProperties.name(Syscall.class, "family"));
        assertEquals(SyscallHandler.SUPPORT, ServiceProperties.name(Syscall.class, "support"));
        assertEquals(SyscallHandler.NOTE, ServiceProperties.name(Syscall.class, "note"));
        assertEquals(SyscallHandler.NON_BLOCKING, ServiceProperties.name(Syscall.class, "nonblocking"));
        assertEquals(IoctlHandler.REQUEST, ServiceProperties.name(Ioctl.class, "request"));
        assertEquals(IoctlHandler.KIND, ServiceProperties.name(Ioctl.class, "kind"));
        assertEquals(IoctlHandler.NAME, ServiceProperties.name(Ioctl.class, "name"));
        assertEquals(PollBackend.NAME, ServiceProperties.name(PollName.class, "value"));
    }

    @Test
    void aScalarReadsAsAnArrayAndMissingValuesGiveTheDefaults() {
        Syscall s = ServiceProperties.view(Syscall.class, Map.of(SyscallHandler.NAME, "getpid"));
        assertArrayEquals(new String[] {"getpid"}, s.name());
        assertEquals(SyscallHandler.SUPPORT_FULL, s.support());
        assertEquals("", s.note());
        assertFalse(s.nonblocking());
        Syscall t = ServiceProperties.view(Syscall.class, Map.of(SyscallHandler.NAME, new String[] {"a", "b"},
            SyscallHandler.NON_BLOCKING, Boolean.TRUE, SyscallHandler.SUPPORT, "partial"));
        assertArrayEquals(new String[] {"a", "b"}, t.name());
        assertTrue(t.nonblocking());
        assertEquals("partial", t.support());
    }

    @Test
    void requestCodesAndKindsConvertFromWhatRegistrationsCarry() {
        Ioctl i = ServiceProperties.view(Ioctl.class, Map.of(IoctlHandler.REQUEST, List.of("0x5421", 21505, 7L),
            IoctlHandler.KIND, new String[] {"PIPE", " SOCKET"}));
        assertArrayEquals(new long[] {0x5421, 21505, 7}, i.request());
        assertArrayEquals(new FileKind[] {FileKind.PIPE, FileKind.SOCKET}, i.kind());
        assertArrayEquals(new long[] {0x80085240L},
            ServiceProperties.view(Ioctl.class, Map.of(IoctlHandler.REQUEST, new long[] {0x80085240L})).request());
    }

    @Test
    void aMissingRequiredPropertyOrABadValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServiceProperties.view(Syscall.class, Map.of()).name());
        assertThrows(IllegalArgumentException.class,
            () -> ServiceProperties.view(Ioctl.class, Map.of(IoctlHandler.REQUEST, "FIONREAD")).request());
        assertThrows(IllegalArgumentException.class,
            () -> ServiceProperties.view(Ioctl.class, Map.of(IoctlHandler.REQUEST, 1, IoctlHandler.KIND, "NOPE")).kind());
    }
}
