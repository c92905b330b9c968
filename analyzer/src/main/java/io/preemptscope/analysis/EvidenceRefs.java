package io.preemptscope.analysis;

import io.preemptscope.strace.event.SourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs a source file and line into the opaque long the model carries as {@code ref}, so that no
 * per-event object is kept for a capture of any size.
 */
final class EvidenceRefs {
    private static final int LINE_BITS = 40;
    private final List<String> files = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    long ref(SourceRef source) {
        int file = index.computeIfAbsent(source.file(), f -> {
            files.add(f);
            return files.size() - 1;
        });
        return ((long) file << LINE_BITS) | (source.line() & ((1L << LINE_BITS) - 1));
    }

    SourceRef source(long ref) {
        return new SourceRef(files.get((int) (ref >>> LINE_BITS)), ref & ((1L << LINE_BITS) - 1));
    }
}
