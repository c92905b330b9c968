package io.preemptscope.analysis.join;

import java.util.Arrays;

/**
 * The offset between strace's clock and a Go trace's, bounded from below by deliveries that came
 * before the preemptions they started and from above by syscall entries traced before strace saw
 * them. Each bound is taken robustly (the 95th percentile of the lower ones, the 5th of the upper
 * ones, once there are 20) so that a stray pair does not move it.
 *
 * @param lowerNs the offset is above this; Long.MIN_VALUE without lower bounds
 * @param upperNs the offset is below this; Long.MAX_VALUE without upper bounds
 * @param lowerMedianNs the median lower bound: how far below the tightest one a typical pair lies
 * @param upperMedianNs the median upper bound
 */
record ClockBounds(long lowerNs, long upperNs, long lowerMedianNs, long upperMedianNs, int lowerCount,
        int upperCount) {
    private static final int ROBUST_FROM = 20;
    /** strace prints microseconds: no bound is finer. */
    private static final long RESOLUTION_NS = 1_000;

    static ClockBounds of(long[] lower, long[] upper) {
        Arrays.sort(lower);
        Arrays.sort(upper);
        long lo = lower.length == 0 ? Long.MIN_VALUE
                : lower[lower.length >= ROBUST_FROM ? (int) Math.floor(0.95 * (lower.length - 1)) : lower.length - 1];
        long up = upper.length == 0 ? Long.MAX_VALUE
                : upper[upper.length >= ROBUST_FROM ? (int) Math.ceil(0.05 * (upper.length - 1)) : 0];
        long loMedian = lower.length == 0 ? 0 : lower[(lower.length - 1) / 2];
        long upMedian = upper.length == 0 ? 0 : upper[(upper.length - 1) / 2];
        return new ClockBounds(lo, up, loMedian, upMedian, lower.length, upper.length);
    }

    boolean present() {
        return lowerCount > 0 || upperCount > 0;
    }

    /** The coarse vote's window: how well the offset is known from fewer than {@link #STRONG} bounds. */
    private static final long FEW_BOUNDS_NS = 1_500_000;
    /** Bounds of a kind this many or more carry the estimate alone when the other kind has fewer. */
    private static final int STRONG = 3;

    /**
     * The middle of the bracket when both kinds of bound are many; otherwise the tightest bound of
     * the kind that is, since a single pair of the other kind says little about where in the
     * bracket the offset lies.
     */
    long offsetNs() {
        if (lowerCount > 0 && upperCount > 0 && (lowerCount >= STRONG) == (upperCount >= STRONG)) {
            return lowerNs + (upperNs - lowerNs) / 2;
        }
        return lowerCount >= STRONG || upperCount == 0 ? lowerNs : upperNs;
    }

    /**
     * Half the bracket when the offset is its middle. Taken from one kind of bound, how far the
     * median pair lies from the tightest (the tightest pair's own delay is unknown, and is rarely
     * below what most pairs show of it), or the distance to the other kind's bound when nearer.
     */
    long uncertaintyNs() {
        long u;
        if (lowerCount > 0 && upperCount > 0 && (lowerCount >= STRONG) == (upperCount >= STRONG)) {
            u = Math.abs(upperNs - lowerNs) / 2;
        } else if (lowerCount >= STRONG || upperCount == 0) {
            u = lowerNs - lowerMedianNs;
            if (upperCount > 0) {
                u = Math.min(u, Math.abs(upperNs - lowerNs));
            }
        } else {
            u = upperMedianNs - upperNs;
            if (lowerCount > 0) {
                u = Math.min(u, Math.abs(upperNs - lowerNs));
            }
        }
        if (lowerCount + upperCount < STRONG) {
            // a bound or two say on which side the offset lies, not how near: the vote's window does
            u = Math.max(u, FEW_BOUNDS_NS);
        }
        return Math.max(RESOLUTION_NS, u);
    }

    /** How far the lower bound lies above the upper one: 0 when they bracket an offset. */
    long crossedNs() {
        return lowerCount > 0 && upperCount > 0 ? Math.max(0, lowerNs - upperNs) : 0;
    }

    String describe() {
        if (lowerCount > 0 && upperCount > 0) {
            return "bounded below by " + lowerCount + " SIGURG handlers' returns (or deliveries) before the async"
                    + " preemptions they started and above by " + upperCount + " traced syscall entries before strace's"
                    + (crossedNs() > 0 ? " (the bounds cross by " + crossedNs() / 1000 + " µs)" : "");
        }
        if (lowerCount > 0) {
            return "bounded below only, by " + lowerCount + " SIGURG handlers' returns (or deliveries) before the async"
                    + " preemptions they started (no traced syscall strace shows by name): the uncertainty is the"
                    + " median bound's distance from the tightest";
        }
        return "bounded above only, by " + upperCount + " traced syscall entries before strace's (no async"
                + " preemption joined): the uncertainty is the median entry's distance from the tightest";
    }
}
