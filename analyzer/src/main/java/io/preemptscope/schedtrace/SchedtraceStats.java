package io.preemptscope.schedtrace;

import java.util.List;

/**
 * What {@code parse --stats} prints for {@code GODEBUG=schedtrace} output.
 *
 * @param lines every line of the input
 * @param samples SCHED reports
 * @param detailedSamples reports with scheddetail=1 fields
 * @param otherLines lines that are not the runtime's (program output), skipped
 * @param malformedLines lines that start like the runtime's but do not parse, skipped
 * @param orphanLines P/M/G lines before the first SCHED line, skipped
 * @param schedtickSource where per-P schedticks came from: "P lines" (scheddetail=1),
 *     "schedticks" (Go 1.25+ summary), "P lines+schedticks", or "none" (summary before Go 1.25)
 * @param procs per-P schedtick progression
 * @param stuckThresholdMs the least time a P must keep one schedtick while running to be reported
 * @param stuckIntervals P running with the same schedtick across at least the threshold
 */
public record SchedtraceStats(
        String format,
        long lines,
        long samples,
        long detailedSamples,
        long firstMs,
        long lastMs,
        long maxGomaxprocs,
        long otherLines,
        long malformedLines,
        long orphanLines,
        String schedtickSource,
        List<Proc> procs,
        long stuckThresholdMs,
        List<StuckInterval> stuckIntervals,
        long longestStuckMs) {

    public static final String FORMAT = "schedtrace";

    /**
     * One P's schedtick over the samples, as runs of equal values.
     *
     * @param samples samples that had a schedtick for this P
     * @param increments sum of the positive steps between consecutive samples
     */
    public record Proc(int p, long samples, long firstSchedtick, long lastSchedtick, long increments,
            List<TickRun> progression) {}

    /** Consecutive samples in which a P showed the same schedtick. */
    public record TickRun(long schedtick, long fromMs, long toMs, long samples) {}

    /**
     * A P that kept running with one schedtick: no goroutine switch on it between the first and the
     * last sample, so whatever ran was not preempted (preemption-model.md §9).
     *
     * @param curg goroutine on the P's M in every sample of the interval; null when unknown or not
     *     the same throughout
     * @param basis "status=1" (scheddetail) or "idleprocs=0" (Go 1.25+ summary: no P was idle)
     */
    public record StuckInterval(int p, long schedtick, long fromMs, long toMs, long durationMs, long samples,
            long fromLine, long toLine, Long curg, String basis) {}
}
