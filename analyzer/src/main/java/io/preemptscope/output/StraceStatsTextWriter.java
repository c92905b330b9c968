package io.preemptscope.output;

import io.preemptscope.stats.StraceStats;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The strace counts of {@code parse --stats} as a table a person reads. */
public final class StraceStatsTextWriter {
    private StraceStatsTextWriter() {}

    public static void write(StraceStats s, PrintWriter out) {
        out.printf(Locale.ROOT, "format      %s (%s)%n", s.format(), Plural.of(s.files(), "file"));
        out.printf(Locale.ROOT, "lines       %,d%n", s.lines());
        out.printf(Locale.ROOT, "unparsed    %,d%n", s.unparsed());
        if (s.truncated() > 0) {
            out.printf(Locale.ROOT, "truncated   %,d (last line cut short)%n", s.truncated());
        }
        out.printf(Locale.ROOT, "events      %,d%n", s.events());
        out.printf(Locale.ROOT, "threads     %,d%n", s.threads());
        out.printf(Locale.ROOT, "unfinished  %s   resumed %s   incomplete %s%n",
                Plural.of(s.unfinished(), "line"), Plural.of(s.resumed(), "line"), Plural.of(s.incomplete(), "call"));
        out.printf(Locale.ROOT, "exits       %,d   kills %,d%n", s.exits(), s.kills());
        table(out, "syscalls", s.syscalls());
        table(out, "errors and restart codes", s.errors());
        table(out, "signals delivered", s.signals());
        table(out, "tgkill/tkill by signal", s.tgkill());
        out.flush();
    }

    /** Counts, largest first, under their title. */
    static void table(PrintWriter out, String title, Map<String, Long> counts) {
        out.println();
        out.println(title + (counts.isEmpty() ? ": none" : ":"));
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue().equals(a.getValue())
                        ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.printf(Locale.ROOT, "  %-24s %,12d%n", e.getKey(), e.getValue()));
    }
}
