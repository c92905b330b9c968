package io.preemptscope.analysis.kernel;

import io.preemptscope.analysis.join.Delays;
import java.util.List;

/**
 * The kernel's side of a run, from a perf capture.
 *
 * @param backend the capture backend these figures come from ("perf")
 * @param switchesRecorded whether the capture has context-switch records (perf record --switch-events);
 *     without them the on-CPU figures are empty
 * @param onCpuIntervalMs how long a thread stayed on a CPU each time it was switched in
 * @param involuntarySwitches switch-outs of a still-runnable thread: the kernel preempted it
 * @param voluntarySwitches switch-outs of a thread that blocked
 * @param busiestThreads the threads with the most on-CPU time
 * @param userRunsMeasured false when the capture recorded only some syscalls (capture --filter
 *     preemption): a gap between two of them may hold others, so the three long-run figures are 0
 * @param longUserRuns user runs longer than forcePreemptNS (10 ms), the runs the model judges
 * @param longUserRunsSwitchedOut how many of those the thread spent partly off any CPU
 * @param offCpuInLongUserRunsMs off-CPU time inside each of those runs: not the Go scheduler's doing
 * @param sigurgGenerated SIGURGs the kernel generated for the process's threads
 * @param sigurgAlreadyPending of those, how many found one already pending and were merged into it
 * @param sigurgTargetRunning generated while the target thread was on a CPU
 * @param sigurgTargetOffCpu generated while it was not (it must be scheduled to take it)
 * @param sigurgGenerateToDeliverMs from generation to delivery
 * @param sigurgGenerateToDeliverRunningMs the same, for targets on a CPU when it was generated
 * @param sigurgGenerateToDeliverOffCpuMs the same, for targets off any CPU then
 */
public record KernelMetrics(
        String backend,
        boolean switchesRecorded,
        Delays onCpuIntervalMs,
        long involuntarySwitches,
        long voluntarySwitches,
        List<ThreadCpu> busiestThreads,
        boolean userRunsMeasured,
        long longUserRuns,
        long longUserRunsSwitchedOut,
        Delays offCpuInLongUserRunsMs,
        long sigurgGenerated,
        long sigurgAlreadyPending,
        long sigurgTargetRunning,
        long sigurgTargetOffCpu,
        Delays sigurgGenerateToDeliverMs,
        Delays sigurgGenerateToDeliverRunningMs,
        Delays sigurgGenerateToDeliverOffCpuMs) {

    public KernelMetrics {
        busiestThreads = List.copyOf(busiestThreads);
    }

    /** @param involuntarySwitches how often the kernel switched it out while runnable */
    public record ThreadCpu(int tid, double onCpuMs, long involuntarySwitches) {}
}
