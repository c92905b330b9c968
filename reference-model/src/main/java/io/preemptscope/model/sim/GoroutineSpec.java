package io.preemptscope.model.sim;

import java.util.List;

/** A goroutine of a workload: a name for reports and the phases it goes through in order. */
public record GoroutineSpec(String name, List<Phase> phases) {
    public GoroutineSpec {
        phases = List.copyOf(phases);
    }

    public static GoroutineSpec of(String name, Phase... phases) {
        return new GoroutineSpec(name, List.of(phases));
    }
}
