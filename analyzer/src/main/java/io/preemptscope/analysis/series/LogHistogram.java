package io.preemptscope.analysis.series;

/**
 * Counts of durations in logarithmic buckets, five per decade from 1 µs to 1,000 s: a fixed
 * 45 counters whatever the capture's size. Values below 1 µs count in the first bucket, above
 * 1,000 s in the last.
 */
public final class LogHistogram {
    public static final int PER_DECADE = 5;
    private static final long FIRST_NS = 1_000;
    private static final int DECADES = 9;
    public static final int BUCKETS = PER_DECADE * DECADES;

    private final long[] counts = new long[BUCKETS];
    private long total;

    void record(long ns) {
        counts[bucket(ns)]++;
        total++;
    }

    void add(LogHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    static int bucket(long ns) {
        if (ns <= FIRST_NS) {
            return 0;
        }
        int b = (int) Math.floor(Math.log10((double) ns / FIRST_NS) * PER_DECADE);
        return Math.min(Math.max(b, 0), BUCKETS - 1);
    }

    /** Where bucket {@code i} starts, in ns. */
    public static double lowerEdgeNs(int i) {
        return FIRST_NS * Math.pow(10, (double) i / PER_DECADE);
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    public long total() {
        return total;
    }

    public long[] counts() {
        return counts.clone();
    }
}
