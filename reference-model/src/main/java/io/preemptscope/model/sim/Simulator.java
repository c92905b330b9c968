package io.preemptscope.model.sim;

import io.preemptscope.model.version.RuntimeProfile;

/**
 * Deterministic simulation of a Go program's scheduling, preemption and signals on Linux, producing
 * what a capture of it would show ({@link io.preemptscope.model.check.Observation}s) and the
 * ground-truth goroutine slices. The same workload, seed included, always gives the same result.
 */
public final class Simulator {
    private Simulator() {}

    public static SimResult run(Workload workload) {
        return new Engine(workload).run();
    }

    /**
     * How long a preempted call-free time slice lasts (§1.9), to compare observed slices with:
     * [10 ms, 30.3 ms] with async preemption, never preempted without it.
     */
    public static SliceBand predictedSliceBand(RuntimeProfile profile, boolean asyncpreemptoff) {
        return SliceBand.of(profile, asyncpreemptoff);
    }
}
