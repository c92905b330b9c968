package io.preemptscope.output;

import io.preemptscope.schedtrace.SchedtraceStats;
import java.io.PrintWriter;
import java.util.Locale;

/** The schedtrace figures of {@code parse --stats} as a summary a person reads. */
public final class SchedtraceStatsTextWriter {
    private SchedtraceStatsTextWriter() {}

    public static void write(SchedtraceStats s, PrintWriter out) {
        out.printf(Locale.ROOT, "format      %s%n", s.format());
        out.printf(Locale.ROOT, "samples     %,d (%,d with scheddetail) from %d ms to %d ms, gomaxprocs up to %d%n",
                s.samples(), s.detailedSamples(), s.firstMs(), s.lastMs(), s.maxGomaxprocs());
        out.printf(Locale.ROOT, "lines       %,d; other %,d, damaged %,d, before the first SCHED %,d%n", s.lines(),
                s.otherLines(), s.malformedLines(), s.orphanLines());
        out.printf(Locale.ROOT, "schedticks  from %s%n", s.schedtickSource());
        for (SchedtraceStats.Proc p : s.procs()) {
            out.printf(Locale.ROOT, "  P%-3d %s, schedtick %d -> %d%n", p.p(), Plural.of(p.samples(), "sample"),
                    p.firstSchedtick(), p.lastSchedtick());
        }
        out.printf(Locale.ROOT, "stuck Ps (same schedtick while running for >= %d ms): %d, longest %d ms%n",
                s.stuckThresholdMs(), s.stuckIntervals().size(), s.longestStuckMs());
        for (SchedtraceStats.StuckInterval i : s.stuckIntervals()) {
            out.printf(Locale.ROOT, "  P%d schedtick=%d %d-%d ms (%d ms, %s, lines %d-%d)%s%n", i.p(),
                    i.schedtick(), i.fromMs(), i.toMs(), i.durationMs(), Plural.of(i.samples(), "sample"), i.fromLine(), i.toLine(),
                    i.curg() == null ? "" : " curg=" + i.curg());
        }
        out.flush();
    }
}
