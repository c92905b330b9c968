package io.preemptscope.output;

import io.preemptscope.analysis.kernel.KernelMetrics;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text report's "Kernel view": what a perf capture shows of scheduling and signal generation. */
final class KernelTextWriter {
    private KernelTextWriter() {}

    static void write(KernelMetrics k, PrintWriter out) {
        out.println("Kernel view (perf)");
        if (k.switchesRecorded()) {
            out.println("  on a CPU each time switched in (ms): " + JoinTextWriter.percentiles(k.onCpuIntervalMs()));
            out.printf(Locale.ROOT, "  switched out: %d times while runnable (the kernel preempted it), %d times blocking%n",
                    k.involuntarySwitches(), k.voluntarySwitches());
            if (!k.busiestThreads().isEmpty()) {
                out.println("  on-CPU time by thread (ms): " + k.busiestThreads().stream()
                        .map(t -> String.format(Locale.ROOT, "%d %.1f", t.tid(), t.onCpuMs()))
                        .collect(Collectors.joining(", ")));
            }
            if (!k.userRunsMeasured()) {
                out.println("  user runs: not measured (the capture recorded only the preemption calls)");
            } else {
                out.printf(Locale.ROOT, "  user runs past 10 ms: %d, of which %d spent time off any CPU%s%n",
                        k.longUserRuns(), k.longUserRunsSwitchedOut(), k.longUserRunsSwitchedOut() == 0 ? ""
                                : " (ms off, per run: " + JoinTextWriter.percentiles(k.offCpuInLongUserRunsMs()) + ")");
            }
        } else {
            out.println("  no context-switch records (perf record --switch-events): on-CPU time unknown");
        }
        out.printf(Locale.ROOT, "  SIGURG generated %d: %d with one already pending (merged), %d to a thread on a CPU,"
                + " %d to one off any CPU%n", k.sigurgGenerated(), k.sigurgAlreadyPending(), k.sigurgTargetRunning(),
                k.sigurgTargetOffCpu());
        if (k.sigurgGenerateToDeliverMs().count() > 0) {
            out.println("  SIGURG generation to delivery (ms): " + JoinTextWriter.percentiles(k.sigurgGenerateToDeliverMs()));
            if (k.sigurgGenerateToDeliverOffCpuMs().count() > 0) {
                out.println("    target on a CPU:  " + JoinTextWriter.percentiles(k.sigurgGenerateToDeliverRunningMs()));
                out.println("    target off a CPU: " + JoinTextWriter.percentiles(k.sigurgGenerateToDeliverOffCpuMs()));
            }
        }
    }
}
