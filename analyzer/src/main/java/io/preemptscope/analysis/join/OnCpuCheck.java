package io.preemptscope.analysis.join;

/**
 * The thread map held against perf's scheduling: an M's run slices in the Go trace, placed on
 * perf's clock, should fall where the thread the map gives it was on a CPU.
 *
 * @param slices the M's run slices the check read (their midpoints)
 * @param onCpu how many of them fall inside one of the thread's stretches on a CPU
 */
public record OnCpuCheck(long m, int tid, int slices, int onCpu) {}
