package io.preemptscope.analysis;

import org.HdrHistogram.Histogram;

/**
 * Durations of one kind, as percentiles: a bounded histogram, allocated on the first value since
 * most captures leave most kinds empty.
 */
final class Durations {
    private static final long MAX_TRACKED_NS = 3_600_000_000_000L;

    private Histogram histogram;
    /** HdrHistogram reports bucket tops; the true maximum is kept apart and caps the percentiles. */
    private long max;

    void record(long ns) {
        long v = Math.min(Math.max(ns, 0), MAX_TRACKED_NS);
        if (histogram == null) {
            histogram = new Histogram(MAX_TRACKED_NS, 3);
        }
        max = Math.max(max, v);
        histogram.recordValue(v);
    }

    long count() {
        return histogram == null ? 0 : histogram.getTotalCount();
    }

    AnalysisMetrics.Latency latency() {
        if (count() == 0) {
            return new AnalysisMetrics.Latency(0, null, null, null, null);
        }
        return new AnalysisMetrics.Latency(count(), ms(at(50)), ms(at(90)), ms(at(99)), ms(max));
    }

    private long at(double percentile) {
        return Math.min(max, histogram.getValueAtPercentile(percentile));
    }

    static Double ms(long ns) {
        return Math.round(ns / 1000.0) / 1000.0;
    }
}
