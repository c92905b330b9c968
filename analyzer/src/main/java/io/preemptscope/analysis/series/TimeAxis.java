package io.preemptscope.analysis.series;

import java.util.ArrayList;
import java.util.List;

/**
 * A time axis with a fixed number of buckets for series of any length: the buckets start 1 ms
 * wide, and when a time falls past the last one every bucket doubles (neighbours merged), so the
 * series it carries take the same memory for a second and for a day.
 */
public final class TimeAxis {
    public static final int BUCKETS = 240;
    private static final long FIRST_WIDTH_NS = 1_000_000;

    /** How a bucket merges with its neighbour when the axis doubles. */
    enum Merge { SUM, MAX }

    private final List<long[]> sums = new ArrayList<>();
    private final List<long[]> maxima = new ArrayList<>();
    private long originNs;
    private boolean started;
    private long widthNs = FIRST_WIDTH_NS;
    private long endNs;

    /** The time bucket 0 starts at; the first one given wins. */
    void start(long originNs) {
        if (!started) {
            this.originNs = originNs;
            started = true;
        }
    }

    boolean started() {
        return started;
    }

    /** A new series on this axis, of {@link #BUCKETS} counters. */
    long[] series(Merge merge) {
        long[] s = new long[BUCKETS];
        (merge == Merge.SUM ? sums : maxima).add(s);
        return s;
    }

    /** The bucket of time {@code ns}, widening the buckets first if it lies past them. */
    int bucket(long ns) {
        long offset = Math.max(0, ns - originNs);
        endNs = Math.max(endNs, offset);
        while (offset >= widthNs * BUCKETS) {
            widen();
        }
        return (int) (offset / widthNs);
    }

    /** Spreads {@code from..to} over the buckets it covers, adding the ns that fall in each to {@code series}. */
    void spread(long[] series, long fromNs, long toNs) {
        int last = bucket(toNs);
        int first = bucket(fromNs);
        long from = Math.max(0, fromNs - originNs);
        long to = Math.max(from, toNs - originNs);
        for (int b = first; b <= last; b++) {
            long lo = Math.max(from, b * widthNs);
            long hi = Math.min(to, (b + 1) * widthNs);
            if (hi > lo) {
                series[b] += hi - lo;
            }
        }
    }

    private void widen() {
        for (long[] s : sums) {
            for (int i = 0; i < BUCKETS / 2; i++) {
                s[i] = s[2 * i] + s[2 * i + 1];
            }
            java.util.Arrays.fill(s, BUCKETS / 2, BUCKETS, 0);
        }
        for (long[] s : maxima) {
            for (int i = 0; i < BUCKETS / 2; i++) {
                s[i] = Math.max(s[2 * i], s[2 * i + 1]);
            }
            java.util.Arrays.fill(s, BUCKETS / 2, BUCKETS, 0);
        }
        widthNs *= 2;
    }

    public long widthNs() {
        return widthNs;
    }

    /** How many buckets hold the capture: up to its last time. */
    public int used() {
        return started ? (int) Math.min(BUCKETS, endNs / widthNs + 1) : 0;
    }
}
