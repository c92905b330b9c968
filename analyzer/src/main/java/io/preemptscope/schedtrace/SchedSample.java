package io.preemptscope.schedtrace;

import java.util.List;

/**
 * One sysmon report: the {@code SCHED} line and the P, M and G lines printed after it
 * (scheddetail=1; empty lists otherwise).
 *
 * @param line 1-based line number of the SCHED line
 */
public record SchedSample(long line, SchedLine.Summary summary, List<SchedLine.PLine> ps, List<SchedLine.MLine> ms,
        List<SchedLine.GLine> gs) {

    public long elapsedMs() {
        return summary.elapsedMs();
    }

    /** The M with this id among the M lines, or null. */
    public SchedLine.MLine m(long id) {
        for (SchedLine.MLine m : ms) {
            if (m.id() == id) {
                return m;
            }
        }
        return null;
    }
}
