package io.preemptscope.model.sim;

import io.preemptscope.model.check.Observation;
import java.util.List;

/**
 * What a simulation produced.
 *
 * @param observations time-ordered, as a capture of the run would show them
 * @param slices ordered by start time
 * @param sysmonTid the thread sysmon runs on
 * @param endNs when the capture ended
 */
public record SimResult(List<Observation> observations, List<Slice> slices, int sysmonTid, long endNs) {
    public SimResult {
        observations = List.copyOf(observations);
        slices = List.copyOf(slices);
    }

    public List<Slice> slicesOf(int goroutine) {
        return slices.stream().filter(s -> s.goroutine() == goroutine).toList();
    }

    public <T extends Observation> List<T> all(Class<T> type) {
        return observations.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
