package io.preemptscope.gotrace;

/** One stretch of a goroutine running on a P: from its GoStart to the event that took it off. */
public record RunSlice(long g, int p, long startNs, long endNs, SliceEnd end) {
    public long durationNs() {
        return endNs - startNs;
    }
}
