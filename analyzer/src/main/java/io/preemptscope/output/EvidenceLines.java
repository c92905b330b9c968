package io.preemptscope.output;

import io.preemptscope.analysis.Evidence;
import io.preemptscope.strace.input.InputOpener;
import io.preemptscope.strace.input.LineSource;
import io.preemptscope.strace.input.PhysicalLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The text of the lines a report cites, read again from the inputs: evidence is shown as the
 * capture has it, and nothing per event had to be kept while analysing.
 */
public final class EvidenceLines {
    private EvidenceLines() {}

    /** The text of each wanted line; a line that cannot be read again, or a trace offset, is left out. */
    public static Map<Evidence, String> read(Collection<Evidence> wanted) {
        Map<String, TreeSet<Long>> byFile = new HashMap<>();
        for (Evidence r : wanted) {
            if (r.line() != null) {
                byFile.computeIfAbsent(r.file(), f -> new TreeSet<>()).add(r.line());
            }
        }
        Map<Evidence, String> out = new HashMap<>();
        byFile.forEach((file, lines) -> {
            try (LineSource source = new LineSource(InputOpener.open(Path.of(file)))) {
                long last = lines.last();
                for (PhysicalLine l = source.next(); l != null && l.number() <= last; l = source.next()) {
                    if (lines.contains(l.number())) {
                        out.put(Evidence.line(file, l.number()), l.text());
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // the report still names file and line
            }
        });
        return out;
    }
}
