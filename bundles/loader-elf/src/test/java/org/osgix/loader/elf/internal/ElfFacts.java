package org.osgix.loader.elf.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The test's own independent reading of an ELF file's header and program headers. */
record ElfFacts(byte[] bytes, int type, long entry, long phoff, int phnum, List<Segment> segments,
    String interpreter) {

    record Segment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {
    }

    static ElfFacts read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phnum = Short.toUnsignedInt(b.getShort(56));
        List<Segment> segments = new ArrayList<>();
        String interpreter = null;
        for (int i = 0; i < phnum; i++) {
            int at = (int) phoff + i * 56;
            Segment s = new Segment(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8),
                b.getLong(at + 16), b.getLong(at + 32), b.getLong(at + 40));
            segments.add(s);
            if (s.type() == 3 && interpreter == null) {
                interpreter = new String(bytes, (int) s.offset(), (int) s.fileSize() - 1);
            }
        }
        return new ElfFacts(bytes, b.getShort(16), b.getLong(24), phoff, phnum, segments, interpreter);
    }

    List<Segment> loads() {
        return segments.stream().filter(s -> s.type() == 1).toList();
    }

    /** Page-aligned end of the highest PT_LOAD (before the load bias). */
    long end() {
        return loads().stream().mapToLong(s -> (s.vaddr() + s.memSize() + 4095) & -4096L).max()
            .orElseThrow();
    }

    /** Offset into the file of the byte loaded at {@code vaddr}, or -1. */
    long fileOffsetOf(long vaddr) {
        for (Segment s : loads()) {
            if (vaddr >= s.vaddr() && vaddr < s.vaddr() + s.fileSize()) {
                return s.offset() + (vaddr - s.vaddr());
            }
        }
        return -1;
    }
}
