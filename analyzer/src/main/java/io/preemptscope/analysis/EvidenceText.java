package io.preemptscope.analysis;

import io.preemptscope.strace.input.InputOpener;
import io.preemptscope.strace.input.LineSource;
import io.preemptscope.strace.input.PhysicalLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The text of the lines a report cites, read again from the inputs once the analysis is done:
 * evidence is shown as the capture has it, and nothing per event had to be kept while analysing.
 *
 * @param lines the text of each line read; a line that could not be read again, or a trace offset,
 *     has none
 */
public record EvidenceText(Map<Evidence, String> lines) {
    public EvidenceText {
        lines = Map.copyOf(lines);
    }

    /** Reads each file once, up to the last line wanted from it. */
    public static EvidenceText read(Collection<Evidence> wanted) {
        Map<String, TreeSet<Long>> byFile = new HashMap<>();
        for (Evidence r : wanted) {
            if (r.line() != null) {
                byFile.computeIfAbsent(r.file(), f -> new TreeSet<>()).add(r.line());
            }
        }
        Map<Evidence, String> out = new HashMap<>();
        byFile.forEach((file, lines) -> {
            if (!Files.isRegularFile(Path.of(file))) {
                return; // standard input or a pipe was read once: its evidence keeps file and line only
            }
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
        return new EvidenceText(out);
    }

    /** The line's text, empty when there is none. */
    public String of(Evidence evidence) {
        return lines.getOrDefault(evidence, "");
    }
}
