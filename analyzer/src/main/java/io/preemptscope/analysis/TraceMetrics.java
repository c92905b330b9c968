package io.preemptscope.analysis;

import org.HdrHistogram.Histogram;

/**
 * What Go traces measure directly: preemptions by mechanism, and the length of each time slice
 * that a preemption ended.
 */
final class TraceMetrics {
    private final Histogram preemptedSlices = new Histogram(3_600_000_000_000L, 3);
    /** HdrHistogram reports bucket tops; the true maximum is kept apart and caps the percentiles. */
    private long exactMax;
    private long retakes;
    private long longestUnpreemptedNs;
    private long async;
    private long cooperative;
    private boolean any;

    void preempted(boolean isAsync, long sliceNs) {
        exactMax = Math.max(exactMax, sliceNs);
        preemptedSlices.recordValue(Math.max(0, Math.min(sliceNs, preemptedSlices.getHighestTrackableValue())));
    }

    /** A time slice that ended because sysmon (or a stop-the-world) took its P during a syscall. */
    void retake() {
        retakes++;
    }

    long retakes() {
        return retakes;
    }

    /** A time slice of Go code (no syscall in it) that no async preemption ended. */
    void ranUnpreempted(long sliceNs) {
        longestUnpreemptedNs = Math.max(longestUnpreemptedNs, sliceNs);
    }

    /**
     * The longest time slice of Go code that no async preemption ended: sysmon asks every slice
     * past forcePreemptNS to stop whether or not anything waits, so one far past the deadline
     * means async preemption did not act.
     */
    long longestUnpreemptedNs() {
        return longestUnpreemptedNs;
    }

    void preemptionEvents(long asyncCount, long cooperativeCount) {
        async += asyncCount;
        cooperative += cooperativeCount;
        any = true;
    }

    boolean present() {
        return any;
    }

    AnalysisMetrics.Preemptions preemptions() {
        return new AnalysisMetrics.Preemptions(async, cooperative);
    }

    AnalysisMetrics.Latency latency() {
        if (preemptedSlices.getTotalCount() == 0) {
            return new AnalysisMetrics.Latency(0, null, null, null, null);
        }
        long max = exactMax;
        return new AnalysisMetrics.Latency(preemptedSlices.getTotalCount(),
                ms(Math.min(max, preemptedSlices.getValueAtPercentile(50))),
                ms(Math.min(max, preemptedSlices.getValueAtPercentile(90))),
                ms(Math.min(max, preemptedSlices.getValueAtPercentile(99))), ms(max));
    }

    private static Double ms(long ns) {
        return Math.round(ns / 1000.0) / 1000.0;
    }
}
