package io.preemptscope.gobinary;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The loadable segments of a little-endian ELF64 file: enough to follow a pointer to file bytes. */
final class ElfImage {
    private record Segment(long vaddr, long offset, long filesz) {}

    private final List<Segment> segments;

    private ElfImage(List<Segment> segments) {
        this.segments = segments;
    }

    static ElfImage of(ByteBuffer file) {
        List<Segment> segments = new ArrayList<>();
        if (file.limit() < 64 || file.get(0) != 0x7f || file.get(1) != 'E' || file.get(4) != 2) {
            return new ElfImage(segments);
        }
        long phoff = file.getLong(32);
        int phentsize = Short.toUnsignedInt(file.getShort(54));
        int phnum = Short.toUnsignedInt(file.getShort(56));
        for (int i = 0; i < phnum; i++) {
            long at = phoff + (long) i * phentsize;
            if (at < 0 || at + 56 > file.limit()) {
                break;
            }
            int type = file.getInt((int) at);
            if (type == 1) {
                segments.add(new Segment(file.getLong((int) at + 16), file.getLong((int) at + 8), file.getLong((int) at + 32)));
            }
        }
        return new ElfImage(segments);
    }

    /** The Go string whose header (data pointer, length) is at virtual address addr, or null. */
    String goString(ByteBuffer file, long addr, int ptrSize) {
        long header = offsetOf(addr);
        if (header < 0 || header + 2L * ptrSize > file.limit()) {
            return null;
        }
        long data = ptrSize == 8 ? file.getLong((int) header) : Integer.toUnsignedLong(file.getInt((int) header));
        long length = ptrSize == 8 ? file.getLong((int) header + 8) : Integer.toUnsignedLong(file.getInt((int) header + 4));
        long at = offsetOf(data);
        if (at < 0 || length < 0 || length > 1 << 20 || at + length > file.limit()) {
            return null;
        }
        byte[] bytes = new byte[(int) length];
        file.get((int) at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long offsetOf(long vaddr) {
        for (Segment s : segments) {
            if (vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz) {
                return s.offset + (vaddr - s.vaddr);
            }
        }
        return -1;
    }
}
