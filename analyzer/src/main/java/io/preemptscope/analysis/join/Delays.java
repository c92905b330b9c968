package io.preemptscope.analysis.join;

import org.HdrHistogram.Histogram;

/**
 * Delays of one kind, as percentiles in milliseconds (rounded to the microsecond), from a bounded
 * histogram.
 *
 * @param count how many; the percentiles are null when none
 */
public record Delays(long count, Double p50, Double p90, Double p99, Double max) {
    /** Collects delays: HdrHistogram reports bucket tops, so the true maximum caps the percentiles. */
    public static final class Recorder {
        private static final long MAX_TRACKED_NS = 3_600_000_000_000L;
        private final Histogram histogram = new Histogram(MAX_TRACKED_NS, 3);
        private long max;

        public void record(long ns) {
            long v = Math.min(Math.max(ns, 0), MAX_TRACKED_NS);
            max = Math.max(max, v);
            histogram.recordValue(v);
        }

        public long count() {
            return histogram.getTotalCount();
        }

        public Delays delays() {
            long n = histogram.getTotalCount();
            if (n == 0) {
                return new Delays(0, null, null, null, null);
            }
            return new Delays(n, ms(at(50)), ms(at(90)), ms(at(99)), ms(max));
        }

        private long at(double percentile) {
            return Math.min(max, histogram.getValueAtPercentile(percentile));
        }
    }

    public static double ms(long ns) {
        return Math.round(ns / 1000.0) / 1000.0;
    }
}
