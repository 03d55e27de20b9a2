package org.osgix.arch.x86_64.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class X86_64SyscallTableTest {
    private static final Path HEADER = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    private final X86_64SyscallTable table = new X86_64SyscallTable();

    @Test
    void wellKnownNumbersRoundTrip() {
        Map<String, Integer> known = Map.of("read", 0, "write", 1, "openat", 257,
            "exit_group", 231, "epoll_pwait2", 441, "clone3", 435, "arch_prctl", 158,
            "rt_sigreturn", 15, "futex_waitv", 449, "mseal", 462);
        known.forEach((name, number) -> {
            assertEquals(number, table.number(name), name);
            assertEquals(name, table.name(number), name);
        });
    }

    @Test
    void unknownNumbersAndNamesAreAbsent() {
        assertNull(table.name(-1));
        assertNull(table.name(335), "the x86_64 table has a hole from 335 to 423");
        assertNull(table.name(table.size()));
        assertNull(table.name(Integer.MAX_VALUE));
        assertEquals(-1, table.number("no_such_syscall"));
        assertEquals(-1, table.number(null));
    }

    @Test
    void namesAreInNumberOrderAndSizeIsOneMoreThanTheHighest() {
        List<String> names = table.names();
        assertEquals(381, names.size());
        int previous = -1;
        for (String name : names) {
            int number = table.number(name);
            assertTrue(number > previous, name);
            previous = number;
        }
        assertEquals(previous + 1, table.size());
        assertEquals("x86_64", table.arch());
        assertThrows(UnsupportedOperationException.class, () -> names.add("x"));
    }

    @Test
    void everySyscallOfTheInstalledHeaderIsInTheTable() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(HEADER), "no kernel header installed");
        Pattern define = Pattern.compile("#define\\s+__NR_(\\w+)\\s+(\\d+)\\s*");
        Map<String, Integer> fromHeader = new HashMap<>();
        for (String line : Files.readAllLines(HEADER)) {
            Matcher m = define.matcher(line);
            if (m.matches()) {
                fromHeader.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        assertTrue(fromHeader.size() > 300, "header parsed");
        fromHeader.forEach((name, number) -> {
            assertEquals(number, table.number(name), name);
            assertEquals(name, table.name(number), name);
        });
    }

    @Test
    void malformedTablesAreRejected() {
        assertThrows(IllegalArgumentException.class,
            () -> new X86_64SyscallTable(List.of("0 read", "0 write")));
        assertThrows(IllegalArgumentException.class,
            () -> new X86_64SyscallTable(List.of("0 read", "1 read")));
        assertThrows(IllegalArgumentException.class,
            () -> new X86_64SyscallTable(List.of("0 read extra")));
        assertThrows(NumberFormatException.class,
            () -> new X86_64SyscallTable(List.of("zero read")));
        X86_64SyscallTable small = new X86_64SyscallTable(List.of("# comment", "", "2 b", "0 a"));
        assertEquals(List.of("a", "b"), small.names());
        assertEquals(3, small.size());
        assertNull(small.name(1));
    }
}
