package io.preemptscope.model.sim;

/**
 * A stretch in which one goroutine ran on one P, as an execution trace would show it.
 *
 * @param goroutine index into {@link Workload#goroutines()}
 * @param schedtick the P's schedtick: slices with the same (P, schedtick) share a time slice (§1.7)
 */
public record Slice(int goroutine, int p, int tid, long schedtick, long startNs, long endNs, SliceEnd end) {
    public long lengthNs() {
        return endNs - startNs;
    }
}
