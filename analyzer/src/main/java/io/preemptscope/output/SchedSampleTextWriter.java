package io.preemptscope.output;

import io.preemptscope.schedtrace.SchedLine;
import io.preemptscope.schedtrace.SchedSample;
import java.io.PrintWriter;

/** One readable line per schedtrace sample: where it was read, the SCHED figures, each P's status and schedtick. */
public final class SchedSampleTextWriter {
    private final PrintWriter out;

    public SchedSampleTextWriter(PrintWriter out) {
        this.out = out;
    }

    public void write(SchedSample s) {
        StringBuilder sb = new StringBuilder();
        SchedLine.Summary sum = s.summary();
        sb.append(s.line()).append(": ").append(sum.elapsedMs()).append("ms gomaxprocs=").append(sum.gomaxprocs())
                .append(" idleprocs=").append(sum.idleprocs()).append(" runqueue=").append(sum.runqueue());
        for (SchedLine.PLine p : s.ps()) {
            sb.append(" P").append(p.index()).append("=").append(p.status()).append('/').append(p.schedtick());
        }
        if (sum.schedticks() != null) {
            sb.append(" schedticks=").append(sum.schedticks());
        }
        if (!s.gs().isEmpty()) {
            sb.append(" goroutines=").append(s.gs().size());
        }
        out.println(sb);
    }
}
