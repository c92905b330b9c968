package io.preemptscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs a source file and a line (or, for a binary trace, a byte offset) into the opaque long the
 * model carries as {@code ref}, so that no per-event object is kept for a capture of any size.
 */
final class EvidenceRefs {
    private static final int VALUE_BITS = 39;
    private static final long OFFSET_FLAG = 1L << VALUE_BITS;
    private static final long VALUE_MASK = OFFSET_FLAG - 1;
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    long line(String file, long line) {
        return ((long) fileIndex(file) << (VALUE_BITS + 1)) | (line & VALUE_MASK);
    }

    long offset(String file, long offset) {
        return ((long) fileIndex(file) << (VALUE_BITS + 1)) | OFFSET_FLAG | (offset & VALUE_MASK);
    }

    Evidence evidence(long ref) {
        String file = files.get((int) (ref >>> (VALUE_BITS + 1)));
        long value = ref & VALUE_MASK;
        return (ref & OFFSET_FLAG) != 0 ? Evidence.offset(file, value) : Evidence.line(file, value);
    }

    private String lastFile;
    private int lastIndex;

    private int fileIndex(String file) {
        // every event of a file carries the same String: skip hashing it per event
        if (file == lastFile) {
            return lastIndex;
        }
        lastFile = file;
        lastIndex = index.computeIfAbsent(file, f -> {
            files.add(f);
            return files.size() - 1;
        });
        return lastIndex;
    }
}
