package io.preemptscope.util;

/** Searches in arrays that hold records of a fixed number of longs each, sorted by their first. */
public final class Strided {
    private Strided() {}

    /**
     * The index of the last of the first {@code n} records of {@code stride} longs whose first long
     * is at most {@code key}, -1 for none.
     */
    public static int lastAtMost(long[] a, int stride, int n, long key) {
        int lo = 0;
        int hi = n - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[stride * mid] <= key) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last;
    }
}
