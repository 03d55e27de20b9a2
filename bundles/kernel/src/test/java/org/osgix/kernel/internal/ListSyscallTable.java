package org.osgix.kernel.internal;

import java.util.List;
import org.osgix.arch.SyscallTable;

/** A syscall table whose numbers are the positions in a list of names (kernel tests). */
record ListSyscallTable(String arch, List<String> names) implements SyscallTable {
    @Override
    public int size() {
        return names.size();
    }

    @Override
    public String name(int number) {
        return number >= 0 && number < names.size() ? names.get(number) : null;
    }

    @Override
    public int number(String name) {
        return names.indexOf(name);
    }
}
