package io.preemptscope.gotrace;

import org.HdrHistogram.Histogram;

/** Run-slice durations as {@code parse --stats} prints them. */
public final class SliceHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    private long count;
    private long max;

    public void record(RunSlice slice) {
        long d = Math.max(0, slice.durationNs());
        histogram.recordValue(d);
        count++;
        max = Math.max(max, d);
    }

    /** Percentiles at 3 significant digits, the maximum exact. */
    public GoTraceStats.RunSlices summary() {
        if (count == 0) {
            return new GoTraceStats.RunSlices(0, 0, 0, 0);
        }
        // A histogram bucket reports its upper edge, which can exceed the real maximum; never print p99 > max.
        return new GoTraceStats.RunSlices(count, Math.min(histogram.getValueAtPercentile(50), max),
                Math.min(histogram.getValueAtPercentile(99), max), max);
    }
}
