package org.osgix.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgix.syscall.SyscallSupport;

class SupportTableTest {
    private record Row(int number, String name, String bundle, String family, String support, String note)
            implements SyscallSupport.Row {
    }

    private static final List<Row> ROWS = List.of(
            new Row(0, "read", "org.osgix.sys.io", "sys-io", "partial", "no SIGPIPE"),
            new Row(1, "write", "org.osgix.sys.io", "sys-io", "full", null),
            new Row(7, "poll", null, null, "enosys", null),
            new Row(291, "epoll_create1", null, null, "enosys", null));

    @Test
    void oneAlignedLinePerSyscallWithTheServingBundleOrEnosys() {
        List<String> lines = SupportTable.format(ROWS).lines().toList();
        assertEquals("NR   SYSCALL       SUPPORT SERVED BY        NOTE", lines.get(0));
        assertEquals("0    read          partial org.osgix.sys.io no SIGPIPE", lines.get(1));
        assertEquals("1    write         full    org.osgix.sys.io", lines.get(2));
        assertEquals("291  epoll_create1 enosys  ENOSYS", lines.get(4));
        assertEquals(6, lines.size());
    }

    @Test
    void theSummaryCountsEveryLevelInOrder() {
        assertEquals("4 syscalls: 1 full, 1 partial, 2 enosys", SupportTable.summary(ROWS));
        assertTrue(SupportTable.format(ROWS).endsWith("4 syscalls: 1 full, 1 partial, 2 enosys\n"));
    }

    @Test
    void levelsAreListedEvenWhenNoSyscallHasThem() {
        assertEquals("1 syscalls: 1 full, 0 partial, 0 enosys", SupportTable.summary(ROWS.subList(1, 2)));
    }
}
