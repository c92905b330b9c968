package io.preemptscope.analysis;

import java.util.List;

/**
 * Bounded, deterministic samples of the latencies a run showed, kept so that two runs can be
 * compared by a statistical test rather than by two percentiles that each wobble. The analysis
 * reports percentiles from histograms of every value; these samples exist only for comparison.
 *
 * @param preemption the values behind {@code metrics.preemptLatencyMs}: with a Go trace, each
 *     preempted time slice; from strace, how long the thread had run when each SIGURG arrived
 * @param delivery SIGURG delivery latency from strace: from the first tgkill to a thread until the
 *     signal reached it; empty without a timed strace capture
 * @param longestRunNs the worst starvation the run showed: from strace the longest stretch of
 *     user code a thread ran without a syscall; from a Go trace the longest time a time slice kept
 *     another goroutine waiting to run; 0 when nothing ran as long as forcePreemptNS
 */
public record LatencySamples(Sample preemption, Sample delivery, long longestRunNs) {
    public static final LatencySamples NONE = new LatencySamples(Sample.EMPTY, Sample.EMPTY, 0);

    /**
     * @param count how many values there were in the whole run
     * @param valuesNs at most {@link SampleReservoir#CAPACITY} of them, chosen uniformly with a
     *     fixed seed, so the same capture always yields the same sample
     */
    public record Sample(long count, List<Long> valuesNs) {
        public static final Sample EMPTY = new Sample(0, List.of());

        public Sample {
            valuesNs = List.copyOf(valuesNs);
        }

        /** The sampled values in milliseconds, for the statistics. */
        public double[] millis() {
            return valuesNs.stream().mapToDouble(ns -> ns / 1e6).toArray();
        }
    }
}
