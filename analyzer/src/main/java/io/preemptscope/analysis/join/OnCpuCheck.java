package io.preemptscope.analysis.join;

/**
 * The thread map held against perf's scheduling: an M's run slices in the Go trace, placed on
 * perf's clock, should fall where the thread the map gives it was on a CPU. The same slices show
 * how much of a Go time slice the kernel kept the thread off any CPU: time the Go scheduler
 * counts as the goroutine's, which is not the Go scheduler's doing.
 *
 * @param slices the M's run slices the check read
 * @param onCpu how many of them have their midpoint inside one of the thread's stretches on a CPU
 * @param switchedOut how many of them the thread spent partly off any CPU
 * @param offCpuMs time off any CPU inside each of the M's slices
 */
public record OnCpuCheck(long m, int tid, int slices, int onCpu, int switchedOut, Delays offCpuMs) {}
