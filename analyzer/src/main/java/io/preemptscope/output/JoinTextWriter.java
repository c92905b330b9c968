package io.preemptscope.output;

import io.preemptscope.analysis.join.Delays;
import io.preemptscope.analysis.join.JoinMetrics;
import io.preemptscope.analysis.join.ThreadMapping;
import java.io.PrintWriter;
import java.util.Locale;

/** The text report's "Joined view": the strace capture and the Go trace on one clock. */
final class JoinTextWriter {
    private JoinTextWriter() {}

    /** @param capture the kernel-side capture joined: "strace" or "perf" */
    static void write(JoinMetrics j, String capture, PrintWriter out) {
        out.println("Joined view (" + capture + " and Go trace on one clock)");
        if (j.clockOffsetNs() == null) {
            out.println("  no consistent clock offset: " + j.agreement());
            out.println("  clock: " + j.clockBasis());
            return;
        }
        out.printf(Locale.ROOT, "  clock: trace time + %d ns = " + capture + " time, ± %.3f ms (%s)%n", j.clockOffsetNs(),
                j.clockOffsetUncertaintyNs() / 1e6, j.clockBasis());
        out.println("  agreement: " + j.agreement());
        for (ThreadMapping t : j.threadMap()) {
            out.printf(Locale.ROOT, "  M %d = thread %d, confidence %.2f (%s)%n", t.m(), t.tid(), t.confidence(),
                    t.basis());
        }
        for (io.preemptscope.analysis.join.OnCpuCheck c : j.onCpuChecks()) {
            out.printf(Locale.ROOT, "  perf: %d of M %d's %d run slices fall where thread %d was on a CPU; %d spent"
                    + " time off any CPU (ms off, per slice: %s)%n", c.onCpu(), c.m(), c.slices(), c.tid(),
                    c.switchedOut(), percentiles(c.offCpuMs()));
        }
        out.printf(Locale.ROOT, "  async preemptions joined to their SIGURG: %d of %d%n", j.joined(),
                j.asyncPreemptions());
        if (j.joined() > 0) {
            out.println("  tgkill to delivery (ms):          " + percentiles(j.tgkillToDeliveryMs()));
            out.println("  delivery to GoPreempt (ms):       " + percentiles(j.deliveryToPreemptMs()));
            out.println("  tgkill to GoPreempt, total (ms):  " + percentiles(j.signalToPreemptMs()));
            if (j.userRunVsSliceMs().count() > 0) {
                out.println("  user run at delivery vs the time slice it ended, |difference| (ms): "
                        + percentiles(j.userRunVsSliceMs()));
            }
        }
        out.printf(Locale.ROOT, "  SIGURGs to the trace's threads that preempted nothing: %d%s%n",
                j.signalsWithoutPreemption(), j.signalsWithoutPreemptionBySender().isEmpty() ? ""
                        : " (by sender: " + counts(j.signalsWithoutPreemptionBySender()) + "; by what the thread"
                                + " ran when it came: " + counts(j.signalsWithoutPreemptionByState()) + ")");
        out.printf(Locale.ROOT, "  async preemptions with no SIGURG found: %d%n", j.preemptionsWithoutSignal());
    }

    static String percentiles(Delays d) {
        if (d.count() == 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  (n=%d)", d.p50(), d.p90(), d.p99(),
                d.max(), d.count());
    }

    private static String counts(java.util.Map<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(label(k)).append(' ').append(v));
        return b.toString();
    }

    private static String label(String key) {
        return switch (key) {
            case "goroutineRunning" -> "a goroutine running (unsafe point or stack scan)";
            case "noGoroutine" -> "no goroutine (it had left)";
            default -> key;
        };
    }
}
