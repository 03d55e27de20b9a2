package org.osgix.loader.elf.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgix.syscall.GuestMemory;

/** Reads a process's initial stack back the way a C runtime does. */
record InitialStackReader(long argc, List<String> argv, List<String> envp, Map<Integer, Long> auxv,
    List<Long> argvPointers, List<Long> envpPointers) {

    static InitialStackReader read(GuestMemory memory, long sp) {
        long argc = memory.readLong(sp);
        long p = sp + 8;
        List<Long> argvPointers = new ArrayList<>();
        List<String> argv = new ArrayList<>();
        for (long ptr; (ptr = memory.readLong(p)) != 0; p += 8) {
            argvPointers.add(ptr);
            argv.add(memory.readCString(ptr, 1 << 17));
        }
        p += 8;
        List<Long> envpPointers = new ArrayList<>();
        List<String> envp = new ArrayList<>();
        for (long ptr; (ptr = memory.readLong(p)) != 0; p += 8) {
            envpPointers.add(ptr);
            envp.add(memory.readCString(ptr, 1 << 17));
        }
        p += 8;
        Map<Integer, Long> auxv = new LinkedHashMap<>();
        for (long type; (type = memory.readLong(p)) != 0; p += 16) {
            auxv.put((int) type, memory.readLong(p + 8));
        }
        return new InitialStackReader(argc, argv, envp, auxv, argvPointers, envpPointers);
    }
}
