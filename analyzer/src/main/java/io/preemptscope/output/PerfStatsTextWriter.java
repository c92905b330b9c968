package io.preemptscope.output;

import io.preemptscope.stats.PerfStats;
import java.io.PrintWriter;
import java.util.Locale;

/** The perf counts of {@code parse --stats} as a table a person reads. */
public final class PerfStatsTextWriter {
    private PerfStatsTextWriter() {}

    public static void write(PerfStats s, PrintWriter out) {
        out.printf(Locale.ROOT, "format      %s (%s)%n", s.format(), Plural.of(s.files(), "file"));
        out.printf(Locale.ROOT, "lines       %,d%n", s.lines());
        out.printf(Locale.ROOT, "unparsed    %,d%n", s.unparsed());
        if (s.truncated() > 0) {
            out.printf(Locale.ROOT, "truncated   %,d (last line cut short)%n", s.truncated());
        }
        out.printf(Locale.ROOT, "events      %,d%n", s.events());
        out.printf(Locale.ROOT, "threads     %,d%n", s.threads());
        out.printf(Locale.ROOT, "incomplete  %s%n", Plural.of(s.incomplete(), "call"));
        out.printf(Locale.ROOT, "exits       %,d%n", s.exits());
        StraceStatsTextWriter.table(out, "syscalls", s.syscalls());
        StraceStatsTextWriter.table(out, "errors and restart codes", s.errors());
        StraceStatsTextWriter.table(out, "signals delivered", s.signals());
        StraceStatsTextWriter.table(out, "tgkill/tkill by signal", s.tgkill());
        StraceStatsTextWriter.table(out, "signals generated", s.generated());
        StraceStatsTextWriter.table(out, "switches", s.switches());
        StraceStatsTextWriter.table(out, "events by tracepoint", s.tracepoints());
        out.flush();
    }
}
