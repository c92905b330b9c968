package io.preemptscope.gotrace;

/**
 * One stretch of a goroutine running on a P: from its GoStart to the event that took it off.
 *
 * @param m who ran it: the OS thread when the trace names it (Go 1.22+), else the runtime M that
 *     held the P at its GoStart; -1 when the trace does not say
 */
public record RunSlice(long g, int p, long startNs, long endNs, SliceEnd end, long m) {
    public long durationNs() {
        return endNs - startNs;
    }
}
