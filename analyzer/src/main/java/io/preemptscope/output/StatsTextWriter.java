package io.preemptscope.output;

import io.preemptscope.stats.StraceStats;
import java.io.PrintWriter;
import java.util.Map;

/** The --stats counts as a table a person reads. */
public final class StatsTextWriter {
    private StatsTextWriter() {}

    public static void write(StraceStats s, PrintWriter out) {
        out.printf("format      %s (%d file%s)%n", s.format(), s.files(), s.files() == 1 ? "" : "s");
        out.printf("lines       %,d%n", s.lines());
        out.printf("unparsed    %,d%n", s.unparsed());
        if (s.truncated() > 0) {
            out.printf("truncated   %,d (last line cut short)%n", s.truncated());
        }
        out.printf("events      %,d%n", s.events());
        out.printf("threads     %,d%n", s.threads());
        out.printf("unfinished  %,d lines   resumed %,d lines   incomplete %,d calls%n",
                s.unfinished(), s.resumed(), s.incomplete());
        out.printf("exits       %,d   kills %,d%n", s.exits(), s.kills());
        table(out, "syscalls", s.syscalls());
        table(out, "errors and restart codes", s.errors());
        table(out, "signals delivered", s.signals());
        table(out, "tgkill/tkill by signal", s.tgkill());
        out.flush();
    }

    private static void table(PrintWriter out, String title, Map<String, Long> counts) {
        out.println();
        out.println(title + (counts.isEmpty() ? ": none" : ":"));
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue().equals(a.getValue())
                        ? a.getKey().compareTo(b.getKey()) : Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.printf("  %-24s %,12d%n", e.getKey(), e.getValue()));
    }
}
